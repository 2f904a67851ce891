package dev.kassa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries the code base keeps, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses KASSA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kassa");

    @Test
    void moneyRulesArePureJava() {
        classes().that().resideInAPackage("dev.kassa.money..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.kassa.money..")
                .check(KASSA);
    }

    @Test
    void pricingRulesArePureJava() {
        classes().that().resideInAPackage("dev.kassa.pricing..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.kassa.money..", "dev.kassa.pricing..")
                .check(KASSA);
    }

    @Test
    void addressRulesArePureJava() {
        classes().that().resideInAPackage("dev.kassa.address..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "dev.kassa.address..", "dev.kassa.platform.web..", "tools.jackson.databind..")
                .check(KASSA);
    }

    @Test
    void moneyRulesNeverUseFloatingPoint() {
        noClasses().that().resideInAnyPackage("dev.kassa.money..", "dev.kassa.pricing..")
                .should().dependOnClassesThat().belongToAnyOf(double.class, float.class, Double.class, Float.class)
                .check(KASSA);
    }

    @Test
    void controllersNeverTouchTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(KASSA);
    }

    @Test
    void repositoriesAreUsedOnlyInTheirOwnDomain() {
        for (String domain : new String[] {"product", "discount", "customfield", "organization", "auth"}) {
            DescribedPredicate<JavaClass> domainRepository = JavaClass.Predicates.resideInAPackage("dev.kassa." + domain + "..")
                    .and(JavaClass.Predicates.simpleNameEndingWith("Repository"));
            noClasses().that().resideOutsideOfPackage("dev.kassa." + domain + "..")
                    .should().dependOnClassesThat(domainRepository)
                    .check(KASSA);
        }
    }

    @Test
    void onlyTheClockConfigurationReadsTheSystemClock() {
        // The Stripe emulator is a library of its own (it also runs standalone) with its own default clock.
        noClasses().that().doNotHaveFullyQualifiedName("dev.kassa.platform.time.ClockConfiguration")
                .and().resideOutsideOfPackage("dev.kassa.stripe.emulator..")
                .should().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(KASSA);
    }

    @Test
    void checkoutsPayThroughThePaymentPortOnly() {
        noClasses().that().resideInAPackage("dev.kassa.checkout..")
                .should().dependOnClassesThat().resideInAPackage("dev.kassa.payment.stripe..")
                .check(KASSA);
    }

    @Test
    void thePaymentPortKnowsNoProcessor() {
        noClasses().that().resideInAPackage("dev.kassa.payment")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.payment.stripe..", "com.stripe..")
                .check(KASSA);
    }
}
