package com.byomlab.market;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.web.ApiProblem;
import com.byomlab.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Market data over HTTP; every endpoint needs a login token.
 *
 * <p>{@code POST /api/v1/market/prices/import?symbol=XYZ[&name=...]} takes the CSV as the raw request
 * body with {@code Content-Type: text/csv} (or {@code text/plain}), UTF-8, at most 5 MB and 100 000
 * rows — not multipart, so {@code curl --data-binary @file.csv -H 'Content-Type: text/csv'} works and
 * the size limit is ours, not the servlet container's. The first line is the header
 * {@code date,open,high,low,close,volume}. All or nothing: 200 with counts when every row is valid
 * (rows on dates already stored are replaced), else 422 {@code invalid_csv_rows} listing each bad row
 * with its line number, and nothing is written.
 *
 * <p>Importing is an administrator's action (role ADMIN, {@code byom.admin.emails}): the prices are shared by every
 * user's sessions, so anyone else gets 403 {@code forbidden} before the body is read. Both the refusal and a
 * successful import are audited ({@code market.import}).
 */
@RestController
@RequestMapping("/api/v1/market")
class MarketController {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,15}");

    record PriceHistory(String symbol, List<PriceBar> bars) {
    }

    private final MarketData market;
    private final PriceImporter importer;
    private final AuditLog audit;

    MarketController(MarketData market, PriceImporter importer, AuditLog audit) {
        this.market = market;
        this.importer = importer;
        this.audit = audit;
    }

    @GetMapping("/coins")
    List<Coin> coins(CurrentUser user) {
        return market.listCoins();
    }

    @GetMapping("/prices")
    PriceHistory prices(CurrentUser user, @RequestParam String symbol,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        try {
            return new PriceHistory(MarketData.normalize(symbol), market.history(symbol, from, to));
        } catch (UnknownSymbolException e) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "unknown_symbol", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid_date_range", e.getMessage());
        }
    }

    @PostMapping("/prices/import")
    @io.swagger.v3.oas.annotations.Operation(summary = "Import daily prices from CSV (administrators)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "date,open,high,low,close,volume with a header line; read raw, all or nothing",
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"),
                            examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = """
                                    date,open,high,low,close,volume
                                    2026-01-02,100.0,110.0,95.0,105.0,12345.6"""))))
    PriceImporter.ImportResult importPrices(CurrentUser user, @RequestParam String symbol,
                                            @RequestParam(required = false) String name, HttpServletRequest request)
            throws IOException {
        String normalized = MarketData.normalize(symbol);
        boolean validSymbol = SYMBOL.matcher(normalized).matches();
        if (!user.admin()) {
            // a symbol that breaks the rule is not written to the audit log: it is whatever the caller sent
            audit.record(AuditEvent.of(user.id(), "market.import", AuditEvent.Outcome.DENIED, null, null,
                    user.clientAddress(), validSymbol ? "not an administrator: " + normalized : "not an administrator"));
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Only administrators may import prices: they "
                    + "replace the market data every user's sessions analyse. Ask an operator to add your account to "
                    + "byom.admin.emails, or to import the file for you.");
        }
        if (!validSymbol) {
            throw ApiProblem.badRequest("invalid_symbol",
                    "The symbol must be 1-15 letters or digits (A-Z, 0-9), for example BTC.");
        }
        if (name != null && (name.isBlank() || name.length() > 100)) {
            throw ApiProblem.badRequest("invalid_name", "The coin name must be 1-100 characters.");
        }
        String csv = readCsvBody(request);
        try {
            PriceImporter.ImportResult result = importer.importCsv(normalized, name == null ? null : name.trim(), csv);
            audit.record(AuditEvent.of(user.id(), "market.import", AuditEvent.Outcome.SUCCESS, null, null,
                    user.clientAddress(), normalized + ": " + result.rowsImported() + " rows (" + result.inserted()
                            + " new, " + result.replaced() + " replaced)"));
            return result;
        } catch (CsvPriceParser.FileProblem e) {
            throw new ApiProblem(e.tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNPROCESSABLE_CONTENT,
                    e.tooLarge ? "payload_too_large" : "invalid_csv", e.getMessage() + " Nothing was imported.");
        } catch (PriceImporter.RejectedFile e) {
            var parsed = e.parsed;
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_csv_rows",
                    parsed.errorCount() + " row(s) are invalid, so nothing was imported. Fix them and upload the "
                            + "whole file again.")
                    .with("error_count", parsed.errorCount())
                    .with("errors_truncated", parsed.errorCount() > parsed.errors().size())
                    .with("errors", parsed.errors());
        }
    }

    private static String readCsvBody(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        MediaType mediaType;
        try {
            mediaType = type == null ? null : MediaType.parseMediaType(type);
        } catch (IllegalArgumentException e) {
            mediaType = null;
        }
        if (mediaType == null || !(mediaType.isCompatibleWith(MediaType.valueOf("text/csv"))
                || mediaType.isCompatibleWith(MediaType.TEXT_PLAIN))) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Send the CSV file itself as the request body with Content-Type: text/csv "
                            + "(multipart form uploads are not accepted).");
        }
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1); // the declared length may be absent (chunked) or wrong
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_csv",
                    "The file is not UTF-8 text. Save it as CSV (UTF-8) and retry. Nothing was imported.");
        }
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                "The file is larger than 5 MB; split it into smaller files (for example one per year). "
                        + "Nothing was imported.");
    }
}
