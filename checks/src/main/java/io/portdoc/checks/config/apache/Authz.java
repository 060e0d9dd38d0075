package io.portdoc.checks.config.apache;

import java.util.List;

/**
 * mod_authz_core's configuration of a section: the tree of {@code Require} lines and
 * {@code <RequireAll|Any|None>} containers, and {@code AuthMerging}. Bare Require lines sit in
 * an implicit RequireAny.
 */
public record Authz(Node section, Merging merging, Directive mergingDir) {
    /** AuthMerging; UNSET behaves as Off. */
    public enum Merging {
        UNSET,
        OFF,
        AND,
        OR
    }

    public enum Op {
        AND,
        OR
    }

    public sealed interface Node {
        boolean negate();

        /** Whether the node applies to GET (a {@code <Limit POST>} around it makes it not). */
        boolean forGet();

        Directive dir();
    }

    /**
     * A container. {@code dir} is the {@code <RequireAll>}-style line, null for the implicit
     * RequireAny of bare lines and for the node AuthMerging builds from two sections.
     */
    public record Container(Op op, boolean negate, List<Node> children, Directive dir) implements Node {
        public Container {
            children = List.copyOf(children);
        }

        @Override
        public boolean forGet() {
            return children.stream().anyMatch(Node::forGet);
        }

        public String label() {
            if (dir != null) {
                return "<" + dir.name() + ">";
            }
            return op == Op.AND ? "<RequireAll>" : "<RequireAny>";
        }
    }

    /** {@code Require [not] provider args...}; {@code ips} parsed for the ip provider. */
    public record Leaf(
            String provider, List<String> args, boolean negate, Directive dir, List<IpPattern> ips, boolean forGet)
            implements Node {
        public Leaf {
            args = List.copyOf(args);
            ips = List.copyOf(ips);
        }
    }
}
