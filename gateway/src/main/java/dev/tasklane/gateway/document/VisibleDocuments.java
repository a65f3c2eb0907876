package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentRow;
import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Finds a document the caller may see; another tenant's or (for a USER) another user's is as missing as none. */
@Singleton
public class VisibleDocuments {

    private final DocumentStore documents;

    public VisibleDocuments(DocumentStore documents) {
        this.documents = documents;
    }

    public Optional<DocumentRow> find(String id, Caller caller) {
        return documents.find(id).filter(d -> caller.canSee(d.tenant(), d.owner()));
    }

    /** The document, or a 404 exactly like the one for a document that does not exist. */
    public DocumentRow require(String id, Caller caller) {
        return find(id, caller).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no document '" + id + "'"));
    }
}
