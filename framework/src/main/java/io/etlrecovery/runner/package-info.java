/**
 * Running pipelines: {@link io.etlrecovery.runner.PipelineRunner} executes a pipeline's steps in batches under the
 * recovery manager, commits each batch with its checkpoint, error and quarantine rows in one transaction, resumes
 * a failed, stopped or killed run after its last committed batch, and allows one run per pipeline at a time.
 * {@link io.etlrecovery.runner.Runs} lists, abandons and rolls back runs that exist.
 */
package io.etlrecovery.runner;
