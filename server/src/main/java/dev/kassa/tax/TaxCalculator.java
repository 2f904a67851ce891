package dev.kassa.tax;

/** Calculates tax for one checkout line. */
public interface TaxCalculator {

    /** @throws TaxCalculationTechnicalError when the processor fails for a reason the buyer cannot fix */
    TaxOutcome calculate(TaxRequest request);
}
