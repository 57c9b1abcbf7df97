package io.logship.host.config;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * NXLog's {@code User} and {@code Group}: NXLog starts as root and then switches to them. A JVM cannot switch
 * users, so logship accepts them only when it already runs as that user (or with that primary group), and
 * otherwise says how to start it that way; it never runs as someone the configuration did not name.
 */
final class Identity {
    private static final Path GROUP_FILE = Path.of("/etc/group");

    private Identity() {
    }

    /** Null when this process runs as {@code wanted} (a name or a uid), else the problem. */
    static String userProblem(String wanted) {
        UnixSystem me;
        try {
            me = new UnixSystem();
        } catch (Throwable e) { // not a Unix system, or its native part is missing
            return "User " + wanted + ": logship cannot switch users and cannot check which user it runs as here; "
                    + "remove User and start logship as " + wanted;
        }
        if (wanted.equals(me.getUsername()) || wanted.equals(Long.toString(me.getUid()))) {
            return null;
        }
        return "User " + wanted + ": logship does not switch users and runs as " + me.getUsername() + " (uid "
                + me.getUid() + "); start it as " + wanted + " (in a systemd unit: User=" + wanted + ")";
    }

    /** Null when this process's primary group is {@code wanted} (a name or a gid), else the problem. */
    static String groupProblem(String wanted) {
        return groupProblem(wanted, GROUP_FILE);
    }

    static String groupProblem(String wanted, Path groupFile) {
        long gid;
        try {
            gid = new UnixSystem().getGid();
        } catch (Throwable e) {
            return "Group " + wanted + ": logship cannot switch groups and cannot check its group here; remove "
                    + "Group and start logship with " + wanted + " as its group";
        }
        String name = groupName(gid, groupFile);
        if (wanted.equals(Long.toString(gid)) || wanted.equals(name)) {
            return null;
        }
        return "Group " + wanted + ": logship does not switch groups and runs with group "
                + (name == null ? "" : name + " ") + "(gid " + gid + "); start it with " + wanted
                + " as its primary group (in a systemd unit: Group=" + wanted + ")";
    }

    /** The name of group {@code gid} in an /etc/group-style file, or null. */
    static String groupName(long gid, Path groupFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(groupFile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String id = Long.toString(gid);
        for (String line : lines) {
            String[] f = line.split(":", -1); // name:password:gid:members
            if (f.length >= 3 && f[2].equals(id)) {
                return f[0];
            }
        }
        return null;
    }
}
