package com.byomlab.usage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.byomlab.llm.Provider;
import com.byomlab.usage.internal.pricing.PriceFiles;
import com.byomlab.usage.internal.pricing.PriceIndex;
import com.byomlab.usage.internal.pricing.PriceList;

/**
 * Model prices as data: the bundled, dated table ({@code usage/model-prices.json}) overlaid by the operator's
 * optional {@code byom.usage.price-file} (our format or LiteLLM's), whose entries replace or add to the bundled ones.
 * Both files are validated strictly when loaded; a bad one throws {@link PriceFileException}.
 *
 * <p>Lookup ({@link #find}): exact id, then alias, then the id without a {@code models/} prefix or a trailing
 * snapshot date ({@code -2024-08-06}, {@code -20241022}); case-insensitive. A model is priced only under its own
 * provider, except that Azure OpenAI falls back to the OpenAI entry of the same name. {@code openai_compatible}
 * models are unpriced unless the override lists them under that provider.
 */
public final class PriceTable {

    private final PriceIndex index;
    private final String asOf;
    private final String source;
    private final String overrideFile;

    private PriceTable(PriceList bundled, PriceList override) {
        List<PriceList> layers = new ArrayList<>(List.of(bundled));
        if (override != null) {
            layers.add(override);
        }
        this.index = new PriceIndex(layers);
        this.overrideFile = override == null ? null : override.label();
        this.asOf = override != null && override.asOf() != null ? override.asOf() : bundled.asOf();
        this.source = override == null ? bundled.source()
                : bundled.source() + "; overridden by " + override.source()
                + (override.asOf() != null ? " (as of " + override.asOf() + ")" : "");
    }

    /** The bundled table alone. */
    public static PriceTable bundled() {
        return new PriceTable(PriceFiles.readBundled(), null);
    }

    /** The bundled table overlaid by {@code overrideFile}; null means no override. */
    public static PriceTable load(Path overrideFile) {
        PriceList bundled = PriceFiles.readBundled();
        return new PriceTable(bundled, overrideFile == null ? null : PriceFiles.readOverride(overrideFile));
    }

    public Optional<ModelPrice> find(Provider provider, String model) {
        return index.find(provider, model);
    }

    /** The models priced for this provider, in file order; Azure includes the OpenAI entries it falls back to. */
    public List<ModelPrice> forProvider(Provider provider) {
        return index.forProvider(provider);
    }

    /** The prices' date (yyyy-MM-dd): the override's {@code as_of} when it gives one, else the bundled table's. */
    public String asOf() {
        return asOf;
    }

    /** Where the prices come from, for display next to them. */
    public String source() {
        return source;
    }

    public Optional<String> overrideFile() {
        return Optional.ofNullable(overrideFile);
    }

    public int size() {
        return index.size();
    }
}
