package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.critic.tensor.IntraOpThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent training runs on a fixed number of worker threads, in the order given, each worker with its
 * OpenMP thread count pinned ({@link IntraOpThreads#pinCurrentThread}). With one worker the runs execute on the
 * calling thread, so a sequential estimate runs exactly where it did before workers existed.
 *
 * <p>Failure: the first run to throw stops the others at their next training step ({@link StopSignal#check}); once
 * every worker has stopped (so no checkpoint is being written), the first failure is rethrown as it was thrown.
 * Finished runs are kept by their checkpoints, so a resumed estimate redoes only the runs that did not finish.
 */
final class RunPool {

    /** Lets a run notice that another one failed. */
    interface StopSignal {
        /** Throws {@link Stopped} if another run failed. */
        void check();
    }

    /** One run; {@code stop} is checked between training steps. */
    interface Task {
        void run(StopSignal stop);
    }

    /** Thrown into a run that is stopped because another run failed. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped: another training run failed", null, false, false);
        }
    }

    private final int workers;
    private final int threadsPerWorker;

    RunPool(int workers, int threadsPerWorker) {
        this.workers = workers;
        this.threadsPerWorker = threadsPerWorker;
    }

    /** Runs every task; returns when all finished, or rethrows the first failure after all workers have stopped. */
    void runAll(List<Task> tasks) {
        AtomicBoolean failed = new AtomicBoolean();
        StopSignal stop = () -> {
            if (failed.get()) {
                throw new Stopped();
            }
        };
        if (workers == 1 || tasks.size() <= 1) {
            for (Task t : tasks) {
                t.run(stop);
            }
            return;
        }
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(() -> {
                if (threadsPerWorker > 0) {
                    IntraOpThreads.pinCurrentThread(threadsPerWorker);
                }
                r.run();
            }, "w1-run-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        Throwable[] first = {null};
        try {
            for (Task t : tasks) {
                futures.add(pool.submit(() -> {
                    try {
                        stop.check();
                        t.run(stop);
                    } catch (Throwable e) {
                        synchronized (first) {
                            if (first[0] == null && !(e instanceof Stopped)) {
                                first[0] = e;
                            }
                        }
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
        }
        synchronized (first) {
            if (first[0] instanceof RuntimeException re) {
                throw re;
            }
            if (first[0] instanceof Error err) {
                throw err;
            }
            if (first[0] != null) {
                throw new IllegalStateException(first[0]);
            }
        }
        if (failed.get()) {
            throw new IllegalStateException("training interrupted");
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
