package io.github.camelsms.sms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's snippets are what the sample projects under src/it (run by maven-invoker-plugin in mvn verify) do, so
 * a snippet that stops working fails the build: each snippet's lines appear, in order, in a sample, and every Camel
 * artifact a sample needs is named in the README.
 */
class ReadmeSnippetsTest {

    private static final Path SAMPLE = Path.of("src/it/camel-main-app");
    private static final Path SPRING_BOOT_SAMPLE = Path.of("src/it/spring-boot-app");

    @Test
    void theQuickStartJavaRouteIsTheCamelMainSamplesRoute() throws IOException {
        assertInOrder(block(section("## Quick start"), "java", 0),
                SAMPLE.resolve("src/main/java/com/example/shop/ShopRoutes.java"));
    }

    @Test
    void theSimulatorTestIsTheCamelMainSamplesTest() throws IOException {
        assertInOrder(block(section("## Testing with the simulator"), "java", 0),
                SAMPLE.resolve("src/test/java/com/example/shop/ShopRoutesTest.java"));
    }

    @Test
    void theMavenSnippetsAreTheSamplesDependencies() throws IOException {
        String version = "<version>" + System.getProperty("project.version", "0.1.0-SNAPSHOT") + "</version>";
        for (String section : new String[] { "## Install", "## Testing with the simulator" }) {
            String xml = block(section(section), "xml", 0).replace(version, "<version>@project.version@</version>");
            assertInOrder(xml, SAMPLE.resolve("pom.xml"));
            assertInOrder(xml, SPRING_BOOT_SAMPLE.resolve("pom.xml"));
        }
    }

    @Test
    void everyCamelArtifactTheSamplesNeedIsNamedInTheReadme() throws IOException {
        String readme = Files.readString(ReadmeLinksTest.README);
        Pattern camelDependency = Pattern.compile(
                "<groupId>(org\\.apache\\.camel[\\w.]*)</groupId>\\s*<artifactId>([\\w-]+)</artifactId>");
        List<String> unnamed = new ArrayList<>();
        for (Path sample : new Path[] { SAMPLE, SPRING_BOOT_SAMPLE }) {
            Matcher m = camelDependency.matcher(Files.readString(sample.resolve("pom.xml")));
            while (m.find()) {
                Pattern named = Pattern.compile("(?<![\\w-])" + Pattern.quote(m.group(2)) + "(?![\\w-])");
                if (!m.group(2).equals("camel-bom") && !named.matcher(readme).find()) {
                    unnamed.add(sample.getFileName() + ": " + m.group(1) + ":" + m.group(2));
                }
            }
        }
        assertThat(unnamed).as("dependencies the samples need that the README does not name").isEmpty();
    }

    private static String section(String heading) throws IOException {
        String readme = Files.readString(ReadmeLinksTest.README);
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String block(String text, String language, int index) {
        Matcher m = Pattern.compile("(?s)```" + language + "\n(.*?)```").matcher(text);
        for (int i = 0; i <= index; i++) {
            assertThat(m.find()).as(language + " block " + index).isTrue();
        }
        return m.group(1);
    }

    /** Every non-blank line of the snippet, trimmed, is a line of the file, in the snippet's order. */
    private static void assertInOrder(String snippet, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().map(String::trim).toList();
        int at = 0;
        for (String line : snippet.split("\n")) {
            String wanted = line.trim();
            if (wanted.isEmpty()) {
                continue;
            }
            int found = lines.subList(at, lines.size()).indexOf(wanted);
            assertThat(found).as("'%s' of the README, in order, in %s", wanted, file).isNotNegative();
            at += found + 1;
        }
    }
}
