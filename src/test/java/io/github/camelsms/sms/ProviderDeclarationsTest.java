package io.github.camelsms.sms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviders;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the providers declare is what the URI enums, the generated metadata and the component doc say: the providers,
 * their operations, and which provider honours which input.
 */
class ProviderDeclarationsTest {

    static final String START = "// honoured inputs: START\n";
    static final String END = "// honoured inputs: END\n";
    static final String REGENERATE = "mvn -B test -Dtest=ProviderDeclarationsTest -Dsms.updateDoc=true";

    /**
     * The path parameters carry no hand-written list that a new provider would have to edit (providers come from the
     * class path); the generated provider table of the doc lists each provider's declared operations instead.
     */
    @Test
    void thePathParametersCarryNoListThatANewProviderWouldEdit() throws Exception {
        for (String path : List.of("provider", "operation")) {
            assertThat(SmsConfiguration.class.getDeclaredField(path).getAnnotation(UriPath.class).enums())
                    .as(path).isEmpty();
            assertThat(SmsComponentDocTest.componentJson().get("properties").get(path).has("enum")).as(path).isFalse();
        }
        assertThat(providersTable()).contains("| `twilio` | send, getMessage");
        for (String name : SmsProviders.names()) {
            assertThat(providersTable()).contains("| `" + name + "` | "
                                                  + String.join(", ", SmsProviders.find(name).operations().keySet()));
        }
    }

    @Test
    void everyInputOfTheMetadataIsDeclaredSomewhere() throws Exception {
        JsonNode json = SmsComponentDocTest.componentJson();
        List<String> undeclared = new ArrayList<>();
        json.get("properties").fieldNames().forEachRemaining(option -> {
            boolean consumerOnly = json.get("properties").get(option).get("label").asText().startsWith("consumer");
            if (!consumerOnly && !SmsInputs.GENERIC_OPTIONS.contains(option)
                && SmsInputs.supportedBy(option, false).equals("none")) {
                undeclared.add(option);
            }
        });
        assertThat(undeclared).as("options no provider operation declares and that are not generic").isEmpty();
        assertThat(SmsInputs.options()).as("SmsConfiguration's options are the metadata's")
                .isSubsetOf(fieldNames(json.get("properties")));
        assertThat(SmsInputs.headers()).isEqualTo(fieldNames(json.get("headers")));
        assertThat(SmsInputs.inputHeaders()).isSubsetOf(SmsInputs.headers());
    }

    @Test
    void theDocSaysWhichProviderHonoursWhichInput() throws Exception {
        Path docPath = SmsComponentDocTest.DOC;
        String doc = Files.readString(docPath);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("start marker in " + docPath).isNotNegative();
        assertThat(end).as("end marker in " + docPath).isGreaterThan(start);
        String expected = providersTable() + "\n" + table();
        String actual = doc.substring(start + START.length(), end);
        if (!expected.equals(actual) && Boolean.getBoolean("sms.updateDoc")) {
            Files.writeString(docPath, doc.substring(0, start + START.length()) + expected + doc.substring(end));
            return;
        }
        assertThat(actual).as("the honoured-inputs table of %s drifts from the providers' declarations: run %s",
                docPath, REGENERATE).isEqualTo(expected);
    }

    /** One row per provider: its operations, consumers and own options (secret ones marked). */
    static String providersTable() {
        StringBuilder out = new StringBuilder("[width=\"100%\",cols=\"1,4,2,3\",options=\"header\"]\n|===\n"
                                              + "| Provider | Operations | Consumers | Own options (`provider.` prefix)\n");
        for (String name : SmsProviders.names()) {
            SmsProvider provider = SmsProviders.find(name);
            List<String> options = new ArrayList<>();
            provider.providerOptions().forEach(o -> options.add("`" + o.name() + "`" + (o.secret() ? " (secret)" : "")));
            out.append("| `").append(name).append("` | ").append(String.join(", ", provider.operations().keySet()))
                    .append(" | ").append(provider.consumerOperations().isEmpty() ? "-"
                            : String.join(", ", provider.consumerOperations()))
                    .append(" | ").append(options.isEmpty() ? "-" : String.join(", ", options)).append('\n');
        }
        return out.append("|===\n").toString();
    }

    /**
     * One row per producer input some provider honours (not generic): the operations of each provider that honour it,
     * else "refused" (or "not read" for a header the component also sets as a result).
     */
    static String table() throws Exception {
        List<String> providers = new ArrayList<>(SmsProviders.names());
        StringBuilder out = new StringBuilder("[width=\"100%\",cols=\"3").append(",2".repeat(providers.size()))
                .append("\",options=\"header\"]\n|===\n| Input");
        providers.forEach(p -> out.append(" | ").append(p));
        out.append('\n');
        Set<String> inputs = new TreeSet<>();
        SmsComponentDocTest.componentJson().get("properties").fieldNames().forEachRemaining(inputs::add);
        inputs.removeAll(SmsInputs.GENERIC_OPTIONS);
        for (String input : inputs) {
            row(out, providers, input, false);
        }
        Set<String> own = new TreeSet<>();
        providers.forEach(p -> SmsProviders.find(p).providerOptions().forEach(o -> own.add("provider." + o.name())));
        for (String option : own) {
            row(out, providers, option, false);
        }
        for (String header : SmsInputs.inputHeaders()) {
            row(out, providers, header, true);
        }
        return out.append("|===\n").toString();
    }

    private static void row(StringBuilder out, List<String> providers, String input, boolean header) {
        List<String> cells = new ArrayList<>();
        boolean any = false;
        for (String name : providers) {
            SmsProvider provider = SmsProviders.find(name);
            List<String> operations = new ArrayList<>();
            for (String operation : provider.operations().keySet()) {
                boolean honours = header ? SmsInputs.honoursHeader(provider, operation, input)
                        : input.startsWith("provider.") ? SmsInputs.declares(provider, input.substring(9))
                        : SmsInputs.honoursOption(provider, operation, input);
                if (honours) {
                    operations.add(operation);
                }
            }
            any |= !operations.isEmpty();
            String elsewhere = header && SmsInputs.ALSO_RESULTS.contains(input) ? "not read" : "refused";
            cells.add(operations.isEmpty() ? elsewhere
                    : operations.size() == provider.operations().size() ? "all" : String.join(", ", operations));
        }
        if (any) {
            out.append("| `").append(input).append('`');
            cells.forEach(c -> out.append(" | ").append(c));
            out.append('\n');
        }
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
