package io.etlrecovery.recovery.internal;

import org.slf4j.MDC;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a call with a time limit on a shared cached pool of daemon threads ({@code etl-recovery-timeout-N}). A
 * call that exceeds its limit is interrupted and abandoned (a call that ignores interruption keeps its worker
 * thread until it ends; the pool creates another for the next call) and the caller gets a
 * {@link TimeoutException}. The caller's SLF4J MDC (run, pipeline, step) is copied to the worker for the call.
 */
public final class CallTimeouts {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "etl-recovery-timeout-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private CallTimeouts() {
    }

    /**
     * Calls {@code call} on a worker thread and waits at most {@code timeout}.
     *
     * @param what names the call in the timeout message (for example "call to 'orders-api'")
     * @throws TimeoutException     if the call did not end in time (it was interrupted)
     * @throws InterruptedException if the calling thread was interrupted while waiting (the call is interrupted too)
     * @throws Exception            what the call threw
     */
    public static <T> T call(Callable<T> call, Duration timeout, String what) throws Exception {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Future<T> future = POOL.submit(mdc == null ? call : () -> {
            MDC.setContextMap(mdc);
            try {
                return call.call();
            } finally {
                MDC.clear();
            }
        });
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException(what + " timed out after " + Durations.format(timeout));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
