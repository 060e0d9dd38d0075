package io.portdoc.lab;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of the real {@code portdoc} entry point inside a namespace: exit code, raw output,
 * and the parsed JSON document when it printed one ({@code --format json}).
 */
public record PortdocRun(int exit, String out, String err, JsonNode json) {
    /** The parsed document; fails with what portdoc printed instead when it printed no JSON. */
    @Override
    public JsonNode json() {
        if (json == null) {
            throw new AssertionError("portdoc printed no JSON document: " + this);
        }
        return json;
    }

    /** The report's step with this id ({@code daemon}, ..., {@code probe}). */
    public JsonNode step(String id) {
        for (JsonNode s : json().path("steps")) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in\n" + out);
    }

    public String verdict(String stepId) {
        return step(stepId).path("verdict").asText();
    }

    /** {@code conclusion.blockingStep}, or null. */
    public String blockingStep() {
        JsonNode b = json().path("conclusion").path("blockingStep");
        return b.isNull() || b.isMissingNode() ? null : b.asText();
    }

    /** For a probe document: the overall state. */
    public String state() {
        return json().path("state").asText();
    }

    /** Everything a step said (summary, evidence, hints) as one text, to look for a name in. */
    public String said(String stepId) {
        return step(stepId).toString();
    }

    /**
     * Skips the rest of the calling test (one printed line) when one of these steps is still
     * the skeleton's placeholder in this build, so a branch without that step stays green and
     * the assertions run as soon as the step is merged.
     */
    public void assumeImplemented(String... stepIds) {
        for (String id : stepIds) {
            Lab.require(
                    !step(id).path("summaryKey").asText().equals("not.implemented"),
                    "step " + id + " is not implemented in this build yet");
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n" + out + (err.isEmpty() ? "" : "\nstderr: " + err);
    }
}
