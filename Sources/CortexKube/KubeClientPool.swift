public import CortexCore
import Foundation

/// One `KubeClient` per kubeconfig context, made on first use and kept (so an exec plugin's
/// credential is cached per context).
public final class KubeClientPool: @unchecked Sendable {
    /// The context used for environments the configuration does not place elsewhere.
    public let currentContext: String
    private let make: @Sendable (String) throws(CortexError) -> KubeClient
    private let lock = NSLock()
    private var clients: [String: KubeClient] = [:]

    public init(currentContext: String, make: @escaping @Sendable (String) throws(CortexError) -> KubeClient) {
        self.currentContext = currentContext
        self.make = make
    }

    /// A pool holding one ready client; other contexts are an error.
    public convenience init(_ client: KubeClient) {
        let name = client.config.contextName
        self.init(currentContext: name) { (context: String) throws(CortexError) -> KubeClient in
            guard context == name else {
                throw .usage("context \(context) is not available (only \(name) is loaded)",
                             hint: "map the environment to context \(name), or load a kubeconfig that defines \(context)")
            }
            return client
        }
    }

    public func client(for context: String) throws(CortexError) -> KubeClient {
        lock.lock()
        defer { lock.unlock() }
        if let c = clients[context] { return c }
        let c = try make(context)
        clients[context] = c
        return c
    }
}
