package dev.orderflow.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/**
 * The build's modules as the root pom.xml lists them. An image is built from an application module: a module of
 * the root pom whose own pom packages a Spring Boot executable jar.
 */
final class RootPom {

    private RootPom() {
    }

    static Set<String> modules() {
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(RenderedManifests.REPOSITORY.resolve("pom.xml").toFile());
            NodeList modules = document.getElementsByTagName("module");
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < modules.getLength(); i++) {
                names.add(modules.item(i).getTextContent().trim());
            }
            return names;
        } catch (Exception e) {
            throw new AssertionError("cannot read the root pom.xml", e);
        }
    }

    static boolean hasModuleDirectory(String module) {
        return Files.isDirectory(RenderedManifests.REPOSITORY.resolve(module));
    }

    static boolean isSpringBootApplication(String module) {
        Path pom = RenderedManifests.REPOSITORY.resolve(module).resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("spring-boot-maven-plugin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
