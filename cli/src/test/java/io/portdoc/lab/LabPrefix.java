package io.portdoc.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The start of the names of the namespaces and directories {@link Lab} makes for this test class
 * (followed by the JVM's pid), when it must differ from the default {@code pdlab}: runs of several
 * people on one machine then never collide, and each cleans up only its own leftovers.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LabPrefix {
    String value();
}
