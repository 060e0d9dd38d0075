package io.portdoc.checks.config.apache;

import java.util.List;

/**
 * The access-relevant part of one section's configuration, or of a merge of sections.
 * {@code compat} or {@code authz} is null when no directive of that module appeared (Apache
 * creates a module's section config only then, so such a section inherits unchanged).
 */
public record DirConf(Compat compat, Authz authz, Directive authType) {
    public static final DirConf EMPTY = new DirConf(null, null, null);

    public boolean isEmpty() {
        return compat == null && authz == null && authType == null;
    }

    /**
     * Apache's merge of a section ({@code add}) over what it inherits ({@code base}):
     * mod_access_compat replaces, mod_authz_core follows AuthMerging, AuthType is replaced.
     */
    public static DirConf merge(DirConf base, DirConf add) {
        Compat compat = add.compat != null ? add.compat : base.compat;
        Authz authz =
                add.authz == null ? base.authz : base.authz == null ? add.authz : mergeAuthz(base.authz, add.authz);
        return new DirConf(compat, authz, add.authType != null ? add.authType : base.authType);
    }

    /** merge_authz_core_dir_config (mod_authz_core.c). */
    static Authz mergeAuthz(Authz base, Authz add) {
        if (add.merging() == Authz.Merging.UNSET && add.section() == null && base.section() != null) {
            return base;
        }
        if (add.merging() == Authz.Merging.OFF
                || add.merging() == Authz.Merging.UNSET
                || (base.section() == null && add.section() == null)) {
            return add;
        }
        Authz.Node section;
        if (base.section() != null && add.section() != null) {
            Authz.Op op = add.merging() == Authz.Merging.AND ? Authz.Op.AND : Authz.Op.OR;
            section = new Authz.Container(op, false, List.of(base.section(), add.section()), null);
        } else {
            section = base.section() != null ? base.section() : add.section();
        }
        return new Authz(section, add.merging(), add.mergingDir());
    }
}
