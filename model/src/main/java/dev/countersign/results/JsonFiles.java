package dev.countersign.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
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
          // every record component is required but the few OptionalFields names
          .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .annotationIntrospector(new OptionalFields())
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

  /**
   * Writes {@code value} to {@code file} atomically, creating the directory if needed; the JSON
   * is streamed to the file (the same text as {@link #toJson}, never held whole in memory).
   */
  public static void write(Path file, Object value) {
    writeAtomically(file, out -> {
      MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value);
      out.write('\n');
    });
  }

  /**
   * Writes text to {@code file} atomically, creating the directory if needed: into a temporary
   * file beside it, flushed to disk, then renamed over it. The file gets the permissions the
   * process's umask gives a new file.
   */
  public static void writeString(Path file, String text) {
    writeAtomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** What is written into a file, to the stream given. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void writeAtomically(Path file, Content content) {
    Path dir = file.toAbsolutePath().getParent();
    // a short name of its own: the final name may already be near the file system's 255 bytes
    Path tmp = dir.resolve(".countersign-" + UUID.randomUUID().toString().substring(0, 8)
        + ".tmp");
    try {
      Files.createDirectories(dir);
      writeDurably(tmp, content);
      replace(tmp, file);
      syncDirectory(dir);
    } catch (IOException | UncheckedIOException e) {
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
    writeDurably(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** As {@link #writeDurably(Path, String)}, with what {@code content} writes. */
  static void writeDurably(Path file, Content content) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
      content.writeTo(out);
      out.flush();
      ch.force(true);
    } catch (IOException | RuntimeException e) {
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
   * schemaVersion} is the expected one, that every value is valid ({@link FileValidation}) and
   * that the required fields are there. The file is read as a stream, twice (its version first,
   * then its content), and never held as text or as a tree: what stays is the value read, with
   * its samples unboxed ({@link SampleList}).
   *
   * @param what what the file is, for messages ("baseline", "result")
   * @throws CountersignFileException naming the file and the problem
   */
  public static <T> T read(Path file, Class<T> type, int schemaVersion, String what) {
    checkVersion(file, schemaVersion, what);
    FileValidation validation = null;
    try (InputStream in = Files.newInputStream(file);
        FileValidation p = new FileValidation(MAPPER.createParser(in))) {
      validation = p;
      return MAPPER.readValue(p, type);
    } catch (IOException | IllegalArgumentException e) {
      Optional<String> problem = validation == null ? Optional.empty() : validation.problem();
      if (problem.isPresent()) {
        throw FileValidation.fail(file, problem.get(), what, e);
      }
      if (!(e instanceof JsonProcessingException) && e instanceof IOException) {
        throw new CountersignFileException(file, "cannot read " + what + " file: " + e, e);
      }
      String msg =
          e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw new CountersignFileException(
          file,
          "is not a valid " + what + " file: " + msg + "; if it was edited by hand, fix or revert it",
          e);
    }
  }

  /**
   * Reads another tool's JSON file (JMH's) as a tree, refusing a string or key that holds a
   * control character (it may reach the log), naming its JSON path.
   *
   * @param what what the file is, for messages ("JMH result")
   * @param remedy what to do about a control character
   * @return the tree; a {@link MissingNode} for an empty file
   * @throws JsonProcessingException when it is not JSON, for the caller to say what it expected
   * @throws CountersignFileException naming the file and any other problem
   */
  public static JsonNode readTree(Path file, String what, String remedy)
      throws JsonProcessingException {
    FileValidation validation = null;
    try (InputStream in = Files.newInputStream(file);
        FileValidation p = new FileValidation(MAPPER.createParser(in), false)) {
      validation = p;
      JsonNode tree = MAPPER.readTree(p);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (IOException e) {
      Optional<String> problem = validation == null ? Optional.empty() : validation.problem();
      if (problem.isPresent()) {
        throw new CountersignFileException(file, problem.get() + "; " + remedy, e);
      }
      if (e instanceof JsonProcessingException jpe) {
        throw jpe;
      }
      if (e instanceof NoSuchFileException) {
        throw new CountersignFileException(file, what + " file does not exist", e);
      }
      throw new CountersignFileException(file, "cannot read the " + what + " file: " + e, e);
    }
  }

  /**
   * The first pass: that the file is one JSON object, whole, with the expected {@code
   * schemaVersion} (which, keys being sorted, may come last), before anything is mapped.
   */
  private static void checkVersion(Path file, int schemaVersion, String what) {
    JsonToken versionToken = null;
    String versionText = null;
    boolean versionIsInt = false;
    try (InputStream in = Files.newInputStream(file); JsonParser p = MAPPER.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new CountersignFileException(file, "expected a JSON object, found "
            + (t == null ? "nothing" : FileValidation.kind(t).toUpperCase(Locale.ROOT)));
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("schemaVersion")) {
          versionToken = v;
          versionText = v == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\""
              : v.isScalarValue() ? p.getText() : FileValidation.kind(v);
          versionIsInt = v == JsonToken.VALUE_NUMBER_INT
              && p.getNumberType() == JsonParser.NumberType.INT;
        }
        p.skipChildren();
      }
    } catch (NoSuchFileException e) {
      throw new CountersignFileException(file, what + " file does not exist", e);
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
    } catch (IOException e) {
      throw new CountersignFileException(file, "cannot read " + what + " file: " + e, e);
    }
    if (versionToken == null) {
      throw new CountersignFileException(
          file, "has no schemaVersion: it is not a Countersign " + what + " file");
    }
    if (!versionIsInt) {
      throw new CountersignFileException(file, "has schemaVersion "
          + Printable.of(versionText) + ", which is not a whole number: Countersign "
          + what + " files have schemaVersion " + schemaVersion + "; revert the hand edit or"
          + ("baseline".equals(what) ? " delete the file and record it again" : " run the tests"
              + " again ('mvn clean verify')"));
    }
    int version = Integer.parseInt(versionText);
    if (version != schemaVersion) {
      throw new CountersignFileException(
          file,
          "has schemaVersion "
              + version
              + " but this Countersign reads "
              + schemaVersion
              + ": it was written by another version of Countersign. "
              + ("baseline".equals(what)
                  // 'countersign:baseline' reads the old file before replacing it, so it must go first
                  ? "Delete it, then record it again with this version: 'mvn verify', then"
                      + " 'mvn countersign:baseline'"
                  : "Run the tests again with this version ('mvn clean verify')"));
    }
  }
}
