package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Output;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.cli.internal.StoreVerifier;
import io.etlrecovery.cli.internal.StoreVerifier.Check;
import io.etlrecovery.store.JdbcUrls;
import io.etlrecovery.store.StoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code db verify}: checks the store without changing it (see {@link StoreVerifier}); prints one line per check
 * and {@code OK}, or what is wrong and exits with {@link ExitCode#STORE_ERROR}.
 */
@Command(name = "verify",
        description = {"Checks the store without changing it: that it exists and answers, that its schema is "
                + "at the version this etl-recovery expects with unchanged migrations, and that every table "
                + "is there.",
            "Prints OK, or what is wrong (exit code 5)."})
final class DbVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        StoreConfig config = root.storeConfig();
        List<Check> checks = StoreVerifier.verify(config);
        List<Map<String, Object>> rows = new ArrayList<>();
        int failed = 0;
        for (Check c : checks) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("check", c.name());
            row.put("result", c.ok() ? "ok" : "FAILED");
            row.put("detail", Printable.line(c.detail()));
            rows.add(row);
            if (!c.ok()) failed++;
        }
        PrintWriter out = root.out();
        try {
            Output.write(Output.Format.TABLE, List.of("check", "result", "detail"), rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String store = Printable.line(JdbcUrls.redact(config.url()));
        if (failed == 0) {
            out.println("OK: the store " + store + " is ready.");
            return ExitCode.OK.code();
        }
        out.println("NOT OK: " + failed + (failed == 1 ? " check" : " checks") + " failed for the store " + store + ".");
        return ExitCode.STORE_ERROR.code();
    }
}
