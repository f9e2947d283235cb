package io.etlrecovery.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code example of the README is one that this test runs.
 *
 * <ul>
 *   <li>Each {@code java} block must be part of the example sources in this package, which are compiled and run by
 *       {@link CustomersPipelineTest} — so the README cannot show code that does not compile or work.</li>
 *   <li>Each {@code bash} block is run, line by line and in order, in one empty directory, with the real
 *       {@code sample-pipelines/target/etl-recovery.jar} (integration test: the jar is built first). A line passes
 *       when it exits 0, or with the code its trailing comment names ({@code # exit 3}, {@code # exit 137 or 0}), and
 *       prints what a trailing {@code # prints: <text>} names. {@code mvn} commands are what CI itself runs, so they
 *       are skipped here (in {@code mvn ... && java ...} only the part after {@code &&} runs). {@code my-pipelines.jar}
 *       is a jar this test builds from the example classes, as a user would.</li>
 * </ul>
 */
class ReadmeIT {

    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```");
    private static final Pattern EXIT = Pattern.compile("#.*\\bexit (\\d+)(?: or (\\d+))?");
    private static final Pattern PRINTS = Pattern.compile("#.*\\bprints: (.+)$");
    private static final String JAR = "sample-pipelines/target/etl-recovery.jar";

    static String readme;
    static Path jar;

    @BeforeAll
    static void locate() throws IOException {
        readme = Files.readString(Path.of(System.getProperty("etlrecovery.readme", "../README.md")), StandardCharsets.UTF_8);
        jar = Path.of(System.getProperty("etlrecovery.jar", "target/etl-recovery.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the runnable jar is built before integration tests: " + jar);
    }

    static List<String> blocks(String language) {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) if (m.group(1).equals(language)) out.add(m.group(2));
        return out;
    }

    @Test
    void everyJavaBlockIsPartOfTheCompiledExamples() throws IOException {
        Path sources = Path.of("src/test/java/io/etlrecovery/readme");
        String examples;
        try (Stream<Path> files = Files.list(sources)) {
            examples = files.filter(f -> f.toString().endsWith(".java")).sorted().map(ReadmeIT::read)
                    .map(ReadmeIT::normalize).collect(Collectors.joining("\n"));
        }
        List<String> java = blocks("java");
        assertFalse(java.isEmpty(), "the README shows Java code");
        for (String block : java) {
            assertTrue(examples.contains(normalize(block)), "this README block is not in " + sources + ":\n" + block);
        }
    }

    @Test
    void everyShellBlockRunsAsWritten(@TempDir Path dir) throws Exception {
        Path myPipelines = buildUserJar(dir.resolve("my-pipelines.jar"));
        Path work = Files.createDirectories(dir.resolve("work"));
        int ran = 0;
        for (String block : blocks("bash")) {
            for (String line : block.split("\n")) {
                String command = line.strip();
                if (command.isEmpty() || command.startsWith("#")) continue;
                if (command.startsWith("mvn ")) {
                    int and = command.indexOf("&&");
                    if (and < 0) continue;
                    command = command.substring(and + 2).strip();
                }
                String code = command.replaceAll("\\s+#.*$", "");
                code = code.replace(JAR, jar.toString()).replace("my-pipelines.jar", myPipelines.toString());
                Set<Integer> expected = expectedExits(command);
                ProcessBuilder pb = new ProcessBuilder("bash", "-c", code).directory(work.toFile()).redirectErrorStream(true);
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = p.waitFor();
                if (!expected.contains(exit)) {
                    fail("README line `" + line.strip() + "` exited " + exit + ", expected " + expected + ":\n" + output);
                }
                Matcher prints = PRINTS.matcher(command);
                if (prints.find()) {
                    String text = prints.group(1).strip();
                    assertTrue(output.contains(text), "README line `" + line.strip() + "` should print `" + text + "`:\n" + output);
                }
                ran++;
            }
        }
        assertTrue(ran >= 5, "the README's shell examples ran: " + ran);
    }

    private static Set<Integer> expectedExits(String command) {
        Matcher m = EXIT.matcher(command);
        if (!m.find()) return Set.of(0);
        return m.group(2) == null ? Set.of(Integer.parseInt(m.group(1)))
                : Set.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** What a user builds: the example classes and their service file, in a jar of their own. */
    private static Path buildUserJar(Path target) throws IOException {
        Path root = Path.of(System.getProperty("etlrecovery.testClasses", "target/test-classes"));
        try (OutputStream os = Files.newOutputStream(target); JarOutputStream jarOut = new JarOutputStream(os);
             Stream<Path> files = Files.walk(root.resolve("io/etlrecovery/readme"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().contains("Test")
                    && !f.getFileName().toString().contains("IT")).toList()) {
                jarOut.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry("META-INF/services/io.etlrecovery.pipeline.PipelineProvider"));
            jarOut.write((CustomersPipeline.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return target;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Lines without their indentation and trailing blanks, empty lines dropped: indentation differs in the README. */
    private static String normalize(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
