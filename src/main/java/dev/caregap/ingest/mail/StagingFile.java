package dev.caregap.ingest.mail;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the staging folder, where a message and its attachments are saved while they are read. A failure there
 * (a full disk, a folder that cannot be written) is this machine's, never the message's: it is a {@link Failed},
 * which leaves the message in the mailbox to be read again instead of refusing it or one of its attachments.
 */
final class StagingFile {

    /** The staging folder could not be used: not the message's fault. */
    static final class Failed extends IOException {
        Failed(Path path, IOException cause) {
            super("the staging folder cannot be used (" + path + "): " + cause.getMessage(), cause);
        }
    }

    private StagingFile() {
    }

    static void folder(Path folder) throws Failed {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new Failed(folder, e);
        }
    }

    /** A new file to write; every failure while writing it is a {@link Failed}. */
    static OutputStream create(Path file) throws Failed {
        try {
            return new Writing(Files.newOutputStream(file), file);
        } catch (IOException e) {
            throw new Failed(file, e);
        }
    }

    /** A file saved before, opened to be read (what is read from it is the sender's content). */
    static InputStream open(Path file) throws Failed {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new Failed(file, e);
        }
    }

    static void delete(Path file) throws Failed {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new Failed(file, e);
        }
    }

    /** Tells a failure of the disk from one of whatever is copied to it (a connection, a decoder). */
    private static final class Writing extends FilterOutputStream {
        private final Path file;

        Writing(OutputStream out, Path file) {
            super(out);
            this.file = file;
        }

        @Override
        public void write(int b) throws Failed {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new Failed(file, e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws Failed {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new Failed(file, e);
            }
        }

        @Override
        public void flush() throws Failed {
            try {
                out.flush();
            } catch (IOException e) {
                throw new Failed(file, e);
            }
        }

        @Override
        public void close() throws Failed {
            try {
                out.close();
            } catch (IOException e) {
                throw new Failed(file, e);
            }
        }
    }
}
