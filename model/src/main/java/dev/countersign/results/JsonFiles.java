package dev.countersign.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Reads and writes Countersign's JSON files: keys in a stable (alphabetical) order, pretty
 * printed with a final newline, so that a diff in a pull request is readable; written atomically
 * (temporary file in the same directory, then rename) so a crash never leaves half a file; read
 * with a check of {@code schemaVersion} and an error that names the file and the problem.
 */
public final class JsonFiles {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private JsonFiles() {}

  /** The shared mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serialises {@code value} as stable, pretty JSON with a final newline. */
  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  /** Writes {@code value} to {@code file} atomically, creating the directory if needed. */
  public static void write(Path file, Object value) {
    writeString(file, toJson(value));
  }

  /**
   * Writes text to {@code file} atomically, creating the directory if needed: into a temporary
   * file beside it, flushed to disk, then renamed over it. The file gets the permissions the
   * process's umask gives a new file.
   */
  public static void writeString(Path file, String text) {
    Path dir = file.toAbsolutePath().getParent();
    // a short name of its own: the final name may already be near the file system's 255 bytes
    Path tmp = dir.resolve(".countersign-" + UUID.randomUUID().toString().substring(0, 8)
        + ".tmp");
    try {
      Files.createDirectories(dir);
      writeDurably(tmp, text);
      replace(tmp, file);
      syncDirectory(dir);
    } catch (IOException e) {
      throw new CountersignFileException(file, "cannot write: " + e + "; the file is as it was",
          e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the rename succeeded or the write failed; nothing more to save
      }
    }
  }

  /**
   * Creates {@code file} (which must not exist) with {@code text} and forces it to disk before
   * returning, so that a rename of it after a crash never exposes an empty or partial file.
   */
  static void writeDurably(Path file, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Renames {@code from} over {@code to}, atomically where the file system can. */
  static void replace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Forces a directory's entries (renames, deletions) to disk, where the platform allows it. */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not every platform opens a directory (Windows); its renames are durable on their own
    }
  }

  /**
   * Reads a Countersign file of the given type, checking that it is JSON, that its {@code
   * schemaVersion} is the expected one, and that the required fields are there.
   *
   * @param what what the file is, for messages ("baseline", "result")
   * @throws CountersignFileException naming the file and the problem
   */
  public static <T> T read(Path file, Class<T> type, int schemaVersion, String what) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CountersignFileException(file, what + " file does not exist", e);
    } catch (IOException e) {
      throw new CountersignFileException(file, "cannot read " + what + " file: " + e, e);
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CountersignFileException(
          file,
          "not valid JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "): the "
              + what
              + " file is corrupt or truncated; restore it from version control or delete it and"
              + " record a new one with 'mvn countersign:baseline'",
          e);
    }
    if (tree == null || !tree.isObject()) {
      throw new CountersignFileException(
          file, "expected a JSON object, found " + (tree == null ? "nothing" : tree.getNodeType()));
    }
    JsonNode version = tree.get("schemaVersion");
    if (version == null) {
      throw new CountersignFileException(
          file, "has no schemaVersion: it is not a Countersign " + what + " file");
    }
    if (!version.isIntegralNumber() || !version.canConvertToInt()) {
      throw new CountersignFileException(file, "has schemaVersion "
          + Printable.of(version.toString()) + ", which is not a whole number: Countersign "
          + what + " files have schemaVersion " + schemaVersion + "; revert the hand edit or"
          + ("baseline".equals(what) ? " delete the file and record it again" : " run the tests"
              + " again ('mvn clean verify')"));
    }
    if (version.asInt() != schemaVersion) {
      throw new CountersignFileException(
          file,
          "has schemaVersion "
              + version.asInt()
              + " but this Countersign reads "
              + schemaVersion
              + ": it was written by another version of Countersign. "
              + ("baseline".equals(what)
                  // 'countersign:baseline' reads the old file before replacing it, so it must go first
                  ? "Delete it, then record it again with this version: 'mvn verify', then"
                      + " 'mvn countersign:baseline'"
                  : "Run the tests again with this version ('mvn clean verify')"));
    }
    FileValidation.check(file, tree, what);
    OptionalFields.fill(tree);
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String msg =
          e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw new CountersignFileException(
          file,
          "is not a valid " + what + " file: " + msg + "; if it was edited by hand, fix or revert it",
          e);
    }
  }
}
