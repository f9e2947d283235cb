package io.etlrecovery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writesANewFileAsUtf8AndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("report.txt");

        AtomicFiles.write(target, out -> out.write("Zürich ✓\n"));

        assertEquals("Zürich ✓\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of(target), files());
    }

    @Test
    void replacesAnExistingFileWhole() throws Exception {
        Path target = dir.resolve("report.txt");
        Files.writeString(target, "old content that is longer than the new one");

        AtomicFiles.write(target, out -> out.write("new"));

        assertEquals("new", Files.readString(target));
    }

    @Test
    void replaceRenamesACompleteFileOverTheTarget() throws Exception {
        Path target = dir.resolve("orders.csv");
        Files.writeString(target, "old");
        Path written = dir.resolve(".orders.csv.tmp");
        Files.writeString(written, "new");

        AtomicFiles.replace(written, target);

        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void whenTheCallbackFailsTheOldFileStaysAndTheTemporaryFileIsGone() throws Exception {
        Path target = dir.resolve("report.txt");
        Files.writeString(target, "old");
        IOException failure = new IOException("disk full");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new con");
            out.flush();
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void writesBytes() throws Exception {
        Path target = dir.resolve("data.bin");

        AtomicFiles.writeBytes(target, out -> out.write(new byte[] {0, 1, 2, (byte) 0xff}));

        assertTrue(java.util.Arrays.equals(new byte[] {0, 1, 2, (byte) 0xff}, Files.readAllBytes(target)));
    }

    @Test
    void aMissingDirectoryIsAnError() {
        Path target = dir.resolve("no-such-dir").resolve("report.txt");

        assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(target, out -> out.write("x")));
    }
}
