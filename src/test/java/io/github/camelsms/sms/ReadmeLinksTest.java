package io.github.camelsms.sms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the front door working: every relative link of README.md (and of the component doc) names a file of the
 * repository, every anchor names a heading or an explicit id of its target, and the README's commands are the ones CI
 * runs.
 */
class ReadmeLinksTest {

    static final Path README = Path.of("README.md");
    static final Path DOC = Path.of("src/main/docs/sms-component.adoc");

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern ADOC_LINK = Pattern.compile("link:([^\\[\\s]+)\\[");
    private static final Pattern ADOC_XREF = Pattern.compile("<<([^,>]+)[,>]");

    @Test
    void everyRelativeLinkAndAnchorOfTheReadmeResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        Matcher m = MARKDOWN_LINK.matcher(withoutCodeBlocks(Files.readString(README)));
        int links = 0;
        while (m.find()) {
            links++;
            check(README, m.group(1), broken);
        }
        assertThat(links).as("links found in " + README).isGreaterThan(10);
        assertThat(broken).as("broken links in " + README).isEmpty();
    }

    @Test
    void everyLinkAndCrossReferenceOfTheComponentDocResolves() throws IOException {
        String doc = Files.readString(DOC);
        List<String> broken = new ArrayList<>();
        Matcher links = ADOC_LINK.matcher(doc);
        while (links.find()) {
            check(DOC, links.group(1), broken);
        }
        Set<String> ids = anchors(DOC);
        Matcher xrefs = ADOC_XREF.matcher(doc);
        while (xrefs.find()) {
            if (!ids.contains(xrefs.group(1))) {
                broken.add("<<" + xrefs.group(1) + ">>");
            }
        }
        assertThat(broken).as("broken links in " + DOC).isEmpty();
    }

    @Test
    void theReadmeCommandsAreTheOnesCiRuns() throws IOException {
        String readme = Files.readString(README);
        String ci = Files.readString(Path.of(".ci/run")).replace(" -ntp", "");
        String firstBlock = readme.substring(readme.indexOf("```bash"), readme.indexOf("```", readme.indexOf("```bash") + 7));
        assertThat(firstBlock).contains("mvn -B -Pexamples\n", "mvn -B verify\n");
        assertThat(ci).contains("mvn -B -Pexamples\n", "mvn -B verify\n");
    }

    @Test
    void aSectionTitleWithAnExplicitIdHasNoGeneratedId() throws IOException {
        // Asciidoctor gives a section its explicit id ([[x]] or [#x]) instead of the generated _title one, so a link
        // to the generated id of such a section is broken
        Set<String> ids = anchors(DOC);
        assertThat(ids).contains("consumers", "callback-formats", "_component_options", "_webhook_signatures");
        assertThat(ids).doesNotContain("_consumers_delivery_reports_and_inbound_sms", "_callback_formats",
                "_configuring_credentials");
    }

    private static void check(Path from, String link, List<String> broken) throws IOException {
        if (link.matches("^[a-z]+:.*")) {
            return; // https:, mailto: ... : not checked here (no test reaches the internet)
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        String anchor = hash < 0 ? null : link.substring(hash + 1);
        Path target = file.isEmpty() ? from : from.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(target)) {
            broken.add(link + " (no file " + target + ")");
        } else if (anchor != null && !anchors(target).contains(anchor)) {
            broken.add(link + " (no anchor #" + anchor + " in " + target.getFileName() + ")");
        }
    }

    /** The ids GitHub gives a Markdown file's headings, or an AsciiDoc file's explicit and generated section ids. */
    static Set<String> anchors(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        if (Files.isDirectory(file)) {
            return ids;
        }
        String text = withoutCodeBlocks(Files.readString(file));
        if (file.toString().endsWith(".adoc")) {
            // a section title gets the explicit id written on the line above it, else one generated from the title
            Pattern explicit = Pattern.compile("^\\[\\[([\\w-]+)]]$|^\\[#([\\w-]+)]$");
            Pattern title = Pattern.compile("^=+ (.+)$");
            boolean idAbove = false;
            for (String line : text.split("\n")) {
                Matcher id = explicit.matcher(line);
                Matcher section = title.matcher(line);
                if (id.matches()) {
                    ids.add(id.group(1) != null ? id.group(1) : id.group(2));
                } else if (section.matches() && !idAbove) {
                    ids.add("_" + section.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\w]+", "_")
                            .replaceAll("_+$", ""));
                }
                idAbove = id.matches();
            }
        } else {
            Matcher headings = Pattern.compile("(?m)^#+ (.+)$").matcher(text);
            while (headings.find()) {
                ids.add(headings.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\w\\- ]", "").replace(' ', '-'));
            }
        }
        return ids;
    }

    private static String withoutCodeBlocks(String text) {
        return text.replaceAll("(?s)```.*?```", "").replaceAll("(?s)\n----\n.*?\n----\n", "\n");
    }
}
