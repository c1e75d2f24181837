package dev.countersign.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Finds the reactor a module belongs to: going up from the module, as long as the parent
 * directory (still inside the repository) has a {@code pom.xml} whose {@code <modules>} (also in
 * a profile) list the directory below, the parent is the root. A module of a multi-module build
 * needs its siblings built from the same revision, so each side is built from this root with
 * {@code -pl <module> -am}: a module built alone would look for its siblings in the local
 * repository, where the base revision's are not.
 */
public final class Reactor {

  private Reactor() {}

  /**
   * @param module the module's directory (real path)
   * @param top the repository's top level (real path); the search stops there
   */
  public static Checkout of(Path module, Path top) {
    Path root = module;
    while (!root.equals(top) && root.getParent() != null && root.startsWith(top)) {
      Path parent = root.getParent();
      if (!lists(parent.resolve("pom.xml"), root)) {
        break;
      }
      root = parent;
    }
    return new Checkout(root, root.relativize(module).toString().replace('\\', '/'));
  }

  /** Whether the pom at {@code pom} names {@code child} as one of its modules. */
  static boolean lists(Path pom, Path child) {
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    NodeList modules;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder parser = f.newDocumentBuilder();
      parser.setErrorHandler(new DefaultHandler()); // throws on a fatal error, prints nothing
      modules = parser.parse(pom.toFile()).getElementsByTagName("module");
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new CompareException("cannot read " + pom + " to find the reactor of " + child + ": "
          + e.getMessage(), e);
    }
    for (int i = 0; i < modules.getLength(); i++) {
      Element m = (Element) modules.item(i);
      if (!"modules".equals(m.getParentNode().getNodeName())) {
        continue;
      }
      Path named = pom.getParent().resolve(m.getTextContent().strip()).normalize();
      if (named.getFileName() != null && named.getFileName().toString().endsWith(".xml")) {
        named = named.getParent();
      }
      if (named.equals(child)) {
        return true;
      }
    }
    return false;
  }
}
