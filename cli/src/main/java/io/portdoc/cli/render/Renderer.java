package io.portdoc.cli.render;

import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.listing.Listing;
import io.portdoc.core.probe.ProbeResult;
import java.time.Duration;

/**
 * One output format, for every document portdoc writes. Each method returns the whole
 * document, ending in a newline; {@link Document} says which formats a document exists in,
 * and the others are never asked for it.
 */
public interface Renderer {
    /** {@code diagnose}: schema portdoc/report/v1 in JSON. */
    String report(Report report);

    /** {@code diagnose --all}: schema portdoc/reports/v1 in JSON. */
    String reports(ReportSet set);

    /** {@code probe}: schema portdoc/probe/v1 in JSON; {@code timeout} explains a timeout. */
    String probe(ProbeResult result, Duration timeout);

    /** {@code listening}: schema portdoc/listening/v1 in JSON; {@code port} is null without --port. */
    String listening(Listing listing, String hostname, Integer port);
}
