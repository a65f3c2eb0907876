package dev.tasklane.gateway.worker;

import io.temporal.activity.ActivityInterface;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The activity interfaces a workflow implementation can call, read from its compiled class and from the workflow
 * classes it uses in turn (such as a shared helper that builds a stub), so a test can hold them to its declaration.
 */
final class ReferencedActivities {

    private static final Pattern WORKFLOW_CLASS = Pattern.compile("dev/tasklane/workflows/[A-Za-z0-9_/$]+");

    private ReferencedActivities() {
    }

    static Set<Class<?>> of(Class<?> implementation) {
        Set<Class<?>> activities = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(Set.of(internalName(implementation)));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            Class<?> type = load(name);
            if (type.isAnnotationPresent(ActivityInterface.class)) {
                activities.add(type);
            } else {
                pending.addAll(referencedWorkflowClasses(type));
            }
        }
        return activities;
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, ReferencedActivities.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(internalName, e);
        }
    }

    /** The workflows-module classes named in the class file's constant pool, in its strings of names and types. */
    private static Set<String> referencedWorkflowClasses(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        try (InputStream bytes = type.getResourceAsStream("/" + internalName(type) + ".class");
             DataInputStream in = new DataInputStream(bytes)) {
            in.skipBytes(8);
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> {
                        Matcher found = WORKFLOW_CLASS.matcher(in.readUTF());
                        while (found.find()) {
                            names.add(found.group());
                        }
                    }
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IllegalStateException("constant pool tag " + tag + " in " + type);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class file of " + type, e);
        }
        return names;
    }
}
