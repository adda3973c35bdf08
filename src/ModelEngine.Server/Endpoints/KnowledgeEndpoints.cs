using ModelEngine.Fel;
using ModelEngine.Fel.Providers;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/knowledge-bases</c>: loads documents into the knowledge bases that Retrieve activities search, searches them
/// and removes documents. Loading and removing documents needs the <c>admins</c> or <c>designers</c> group, but any
/// signed-in user may read and search.
/// </summary>
internal static class KnowledgeEndpoints
{
    /// <summary>The most documents one request may index.</summary>
    public const int MaxDocumentsPerRequest = 1_000;

    /// <summary>The longest document text accepted, in characters.</summary>
    public const int MaxDocumentLength = 1_000_000;

    public static RouteGroupBuilder MapKnowledgeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/knowledge-bases/{name}").WithTags("Knowledge bases");
        group.MapGet("/", GetAsync)
            .WithSummary("Returns the number of chunks a knowledge base holds. A name never used holds none.")
            .Produces<KnowledgeBaseResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/documents", IngestAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Splits, embeds and indexes documents. Answers once every chunk is durable and searchable.")
            .Produces<IngestKnowledgeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/documents/{documentId}", DeleteAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Removes every chunk of a document.")
            .Produces<DeleteKnowledgeDocumentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/search", SearchAsync)
            .WithSummary("Returns the best chunks for a query, by hybrid (BM25 and vectors), keyword or vector ranking.")
            .Produces<KnowledgeSearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<KnowledgeBaseResponse> GetAsync(string name, IServiceProvider services, CancellationToken cancellationToken)
    {
        var knowledgeBase = await OpenAsync(services, name, cancellationToken);
        return new KnowledgeBaseResponse(knowledgeBase.Name, await knowledgeBase.CountAsync(cancellationToken));
    }

    private static async Task<IngestKnowledgeResponse> IngestAsync(
        string name, IngestKnowledgeRequest? request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var documents = ReadDocuments(request);
        var settings = ReadSettings(request!);
        var knowledgeBase = await OpenAsync(services, name, cancellationToken);
        var ingestor = services.GetService<IKnowledgeIngestor>()
            ?? throw new KnowledgeUnavailableException("No knowledge ingestor is registered in this server. Register one with AddFelKnowledge.");
        IngestionProgress progress;
        try
        {
            progress = await ingestor.IngestAsync(knowledgeBase.Name, documents.ToAsyncEnumerable(), settings, progress: null, cancellationToken);
        }
        catch (InvalidOperationException exception) when (FindCause(exception) is { } cause)
        {
            // The ingestor wraps the failure of a step. A model or embedding failure is rethrown so that it maps to its
            // own status (502, 503 or 409).
            throw cause;
        }

        return new IngestKnowledgeResponse(knowledgeBase.Name, progress.Documents, progress.Chunks, progress.Indexed);
    }

    private static async Task<DeleteKnowledgeDocumentResponse> DeleteAsync(
        string name, string documentId, IServiceProvider services, CancellationToken cancellationToken)
    {
        var knowledgeBase = await OpenAsync(services, name, cancellationToken);
        var deleted = await knowledgeBase.DeleteDocumentAsync(documentId, cancellationToken);
        if (deleted == 0)
        {
            throw new WorkflowNotFoundException($"Knowledge base '{knowledgeBase.Name}' contains no document '{documentId}'.");
        }

        return new DeleteKnowledgeDocumentResponse(knowledgeBase.Name, documentId, deleted);
    }

    private static async Task<KnowledgeSearchResponse> SearchAsync(
        string name, SearchKnowledgeRequest? request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            throw new RequestValidationException("$.query", request?.Query, "The search needs a 'query': the question or keywords to look for.");
        }

        var topK = request.TopK ?? 5;
        if (topK is < 1 or > 100)
        {
            throw new RequestValidationException("$.topK", topK.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"'topK' is {topK}; it must be between 1 and 100.");
        }

        var mode = RetrievalMode.Hybrid;
        if (request.Mode is { } modeText && !Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(mode))
        {
            throw new RequestValidationException("$.mode", request.Mode, $"'mode' is '{request.Mode}'; use Hybrid, Keyword or Vector.");
        }

        var knowledgeBase = await OpenAsync(services, name, cancellationToken);
        var options = new RetrievalOptions { TopK = topK, Mode = mode, Rerank = request.Rerank ?? false };
        var found = await knowledgeBase.SearchAsync(request.Query, options, cancellationToken);
        var items = found
            .Select(hit => new KnowledgeSearchItem(hit.Chunk.Id, hit.Chunk.DocumentId, hit.Chunk.Index, hit.Chunk.Text, hit.Score, hit.Chunk.Metadata))
            .ToList();
        return new KnowledgeSearchResponse(knowledgeBase.Name, mode.ToString(), items);
    }

    /// <summary>Returns the model or embedding failure inside <paramref name="exception"/>, or <see langword="null"/> when there is none.</summary>
    private static Exception? FindCause(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is FelModelException or FelModelNotConfiguredException or KnowledgeEmbeddingMismatchException)
            {
                return inner;
            }
        }

        return null;
    }

    private static async Task<IKnowledgeBase> OpenAsync(IServiceProvider services, string name, CancellationToken cancellationToken)
    {
        var provider = services.GetService<IKnowledgeBaseProvider>()
            ?? throw new KnowledgeUnavailableException("No knowledge base provider is registered in this server. Register one with AddFelKnowledge.");
        try
        {
            return await provider.GetAsync(name, cancellationToken);
        }
        catch (ArgumentException exception)
        {
            throw new RequestValidationException("name", name, exception.Message);
        }
    }

    private static List<KnowledgeDocument> ReadDocuments(IngestKnowledgeRequest? request)
    {
        if (request?.Documents is not { Count: > 0 } bodies)
        {
            throw new RequestValidationException("$.documents", null,
                "The request needs 'documents': an array of {\"id\": \"…\", \"text\": \"…\", \"metadata\": {…}}.");
        }

        if (bodies.Count > MaxDocumentsPerRequest)
        {
            throw new RequestValidationException("$.documents", bodies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"The request has {bodies.Count} documents; send at most {MaxDocumentsPerRequest} per request.");
        }

        var documents = new List<KnowledgeDocument>(bodies.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            if (string.IsNullOrWhiteSpace(body?.Id))
            {
                throw new RequestValidationException($"$.documents[{i}].id", body?.Id, $"Document {i} has no 'id'. Give every document an id; indexing the same id again replaces it.");
            }

            if (!ids.Add(body.Id))
            {
                throw new RequestValidationException($"$.documents[{i}].id", body.Id, $"Document {i} repeats the id '{body.Id}'. Ids must be unique within a request.");
            }

            if (string.IsNullOrWhiteSpace(body.Text))
            {
                throw new RequestValidationException($"$.documents[{i}].text", body.Text, $"Document '{body.Id}' has no 'text'. Send the text to index.");
            }

            if (body.Text.Length > MaxDocumentLength)
            {
                throw new RequestValidationException($"$.documents[{i}].text", $"{body.Text.Length} characters",
                    $"Document '{body.Id}' has {body.Text.Length} characters; split it into documents of at most {MaxDocumentLength}.");
            }

            documents.Add(new KnowledgeDocument(body.Id, body.Text, body.Metadata));
        }

        return documents;
    }

    private static IngestionSettings ReadSettings(IngestKnowledgeRequest request)
    {
        var defaults = new IngestionSettings();
        var chunkTokens = request.ChunkTokens ?? defaults.ChunkTokens;
        var overlapTokens = request.OverlapTokens ?? defaults.OverlapTokens;
        if (chunkTokens < 1)
        {
            throw new RequestValidationException("$.chunkTokens", chunkTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"'chunkTokens' is {chunkTokens}; it must be at least 1.");
        }

        if (overlapTokens < 0 || overlapTokens >= chunkTokens)
        {
            throw new RequestValidationException("$.overlapTokens", overlapTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"'overlapTokens' is {overlapTokens}; it must be at least 0 and below 'chunkTokens' ({chunkTokens}).");
        }

        return defaults with { ChunkTokens = chunkTokens, OverlapTokens = overlapTokens };
    }
}
