package io.portdoc.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check's metadata, declared once on the class (like error-prone's @BugPattern): the step id
 * it answers, where the step sits in the checklist and the bundle key of its title. The five
 * built-in steps use orders 10..50; a plugin step picks a larger order and comes after them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CheckInfo {
    /** Step id in the report, e.g. {@code daemon}. */
    String id();

    /** Position in the checklist; lower runs first. */
    int order();

    /** Message key of the step title in the check's package bundle. */
    String title();
}
