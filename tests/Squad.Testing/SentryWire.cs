namespace Squad.Testing;

/// <summary>
/// Sentry's answers as its API gives them (<c>GET /api/0/organizations/ORG/issues/ID/events/latest/</c>): the latest event of
/// the sample stub CHK-41, a .NET exception thrown by <c>Cart.Remove</c>, frames outermost first as Sentry lists them.
/// </summary>
public static class SentryWire
{
    public const string CartRemoveEvent = """
        {
          "id": "9fac2ceed9344f2bbfdd1fdacb0ed9b1",
          "eventID": "9fac2ceed9344f2bbfdd1fdacb0ed9b1",
          "groupID": "4711",
          "title": "InvalidOperationException: Sequence contains no matching element",
          "platform": "csharp",
          "dateCreated": "2026-11-22T01:12:44Z",
          "tags": [{ "key": "environment", "value": "production" }, { "key": "release", "value": "checkout-api@1.8.2" }],
          "entries": [
            {
              "type": "exception",
              "data": {
                "values": [
                  {
                    "type": "InvalidOperationException",
                    "value": "Sequence contains no matching element",
                    "module": "System",
                    "mechanism": { "type": "generic", "handled": false },
                    "stacktrace": {
                      "frames": [
                        { "function": "ExecuteTaskResult", "module": "Microsoft.AspNetCore.Http.RequestDelegateFactory", "filename": null, "absPath": null, "lineNo": null, "colNo": null, "inApp": false },
                        { "function": "RemoveItem", "module": "Checkout.Api.CartEndpoints", "filename": "CartEndpoints.cs", "absPath": "/build/src/Checkout.Api/CartEndpoints.cs", "lineNo": 41, "colNo": 9, "inApp": true },
                        { "function": "Remove", "module": "Checkout.Cart", "filename": "Cart.cs", "absPath": "/build/src/Checkout/Cart.cs", "lineNo": 23, "colNo": 9, "inApp": true },
                        { "function": "First", "module": "System.Linq.Enumerable", "filename": null, "absPath": null, "lineNo": null, "colNo": null, "inApp": false },
                        { "function": "ThrowNoMatchException", "module": "System.Linq.ThrowHelper", "filename": null, "absPath": null, "lineNo": null, "colNo": null, "inApp": false }
                      ]
                    }
                  }
                ]
              }
            },
            { "type": "breadcrumbs", "data": { "values": [{ "category": "http", "message": "DELETE /carts/7/items/MUG-BLUE" }] } }
          ]
        }
        """;
}
