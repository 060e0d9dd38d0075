package io.portdoc.core;

import java.util.List;

/** The answer for the helpdesk: overall verdict, first broken link (or null), what to do. */
public record Conclusion(Verdict verdict, String blockingStep, Msg summary, List<Msg> hints) {
    public Conclusion {
        hints = List.copyOf(hints);
    }
}
