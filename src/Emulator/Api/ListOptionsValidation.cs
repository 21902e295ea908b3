using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// The checks kube-apiserver makes on a LIST's <c>resourceVersionMatch</c> before reading anything
/// (staging/src/k8s.io/apimachinery/pkg/apis/meta/internalversion/validation/validation.go, <c>ValidateListOptions</c>):
/// a failure is a 422 Invalid on kind <c>ListOptions.meta.k8s.io</c> naming every broken rule. The emulator reads every
/// list at its latest state whatever the match says; these checks keep a client that sends a meaningless combination
/// from passing here and failing on a real cluster.
/// </summary>
public static class ListOptionsValidation
{
    private const string Field = "resourceVersionMatch";

    public static void Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var match = request.Query[Field].ToString();
        if (match.Length == 0)
        {
            return;
        }

        var resourceVersion = request.Query["resourceVersion"].ToString();
        var errors = new List<string>();
        if (resourceVersion.Length == 0)
        {
            errors.Add(Forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided"));
        }

        if (request.Query["continue"].ToString().Length > 0)
        {
            errors.Add(Forbidden("resourceVersionMatch is forbidden when continue is provided"));
        }

        if (match is not ("Exact" or "NotOlderThan"))
        {
            errors.Add($"{Field}: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\", \"\"");
        }

        if (match == "Exact" && resourceVersion == "0")
        {
            errors.Add(Forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
        }

        if (errors.Count > 0)
        {
            // field.ErrorList.ToAggregate prints one error bare and several in brackets.
            var all = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
            throw new StatusException(422, "Invalid", $"ListOptions.meta.k8s.io \"\" is invalid: {all}", group: "meta.k8s.io", kind: "ListOptions");
        }
    }

    private static string Forbidden(string detail) => $"{Field}: Forbidden: {detail}";
}
