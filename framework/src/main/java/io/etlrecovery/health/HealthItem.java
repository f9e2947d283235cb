package io.etlrecovery.health;

/**
 * One line of a health check.
 *
 * @param name   what was checked: {@code store}, {@code schema}, {@code disk}, {@code memory}, {@code heap},
 *               {@code file descriptors}, {@code cpu}
 * @param status its state
 * @param detail the numbers, and what to do when it is not OK
 */
public record HealthItem(String name, HealthStatus status, String detail) {
}
