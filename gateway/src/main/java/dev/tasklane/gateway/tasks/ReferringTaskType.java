package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.security.Caller;

/**
 * A task type whose payload names things stored apart from it (a document, a task): a submission may only name
 * what its submitter may see, checked before anything is written.
 *
 * @param <P> the payload record
 */
public interface ReferringTaskType<P> extends TaskType<P> {

    /** A {@code ProblemException} 404 naming the payload field, unless {@code caller} may see all it refers to. */
    void checkReferences(P payload, Caller caller);
}
