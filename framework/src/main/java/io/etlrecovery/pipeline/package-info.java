/**
 * The API for writing pipelines. A {@link io.etlrecovery.pipeline.Pipeline} is a name and ordered steps: a
 * {@link io.etlrecovery.pipeline.BatchStep} reads records from a resumable {@link io.etlrecovery.pipeline.Source},
 * passes each through {@link io.etlrecovery.pipeline.Processor}s and writes the survivors to a
 * {@link io.etlrecovery.pipeline.Sink}, one transaction per batch; a {@link io.etlrecovery.pipeline.TaskStep} is
 * one unit of work. A {@link io.etlrecovery.pipeline.PipelineProvider} listed for {@code ServiceLoader} makes a
 * pipeline runnable by name from the command line ({@link io.etlrecovery.pipeline.Pipelines}).
 */
package io.etlrecovery.pipeline;
