import CortexCore

/// Authentication: bearer tokens of the configured users, and `SelfSubjectReview`
/// (authentication.k8s.io/v1), which tells a client who its credentials belong to.
extension Cluster {
    static let selfSubjectReviewPath = "/apis/authentication.k8s.io/v1/selfsubjectreviews"

    /// The answer when authentication decides the request alone: 401 for a request without a
    /// known token (only when users are configured), the review for `POST selfsubjectreviews`.
    /// Nil lets the request through.
    func authenticationAnswer(_ request: APIRequest) -> APIResponse? {
        guard let users else { return nil }
        if ["/version", "/healthz", "/livez", "/readyz"].contains(request.path) { return nil }
        guard let user = users.user(authorization: request.authorization) else { return .error(.unauthorized) }
        guard request.path == Self.selfSubjectReviewPath else { return nil }
        guard request.method == .post else { return .error(.methodNotAllowed) }
        return .json(Self.review(of: user), code: 201)
    }

    /// The review as the API server returns it: the request's metadata and the user info.
    static func review(of user: SimUser) -> JSONValue {
        var groups = user.groups.map(JSONValue.string)
        groups.append("system:authenticated")
        return [
            "kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
            "metadata": ["creationTimestamp": .null],
            "status": ["userInfo": ["username": .string(user.name), "groups": .array(groups)]],
        ]
    }
}

extension APIError {
    /// 401: no credentials, or credentials no authenticator accepts.
    static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized", details: nil)
}
