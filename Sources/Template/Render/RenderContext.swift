/// The variables one render sees: the data handed in, then `assign`ed globals, then the
/// scopes that loops and includes push.
final class RenderContext {
    let environment: Object
    /// `scopes[0]` holds `assign`s (Liquid assigns are global to the render, even inside a
    /// loop); loops and includes push scopes above it. Scopes are small ordered objects:
    /// scanning the precomputed hashes of a few names is cheaper than a dictionary.
    /// Unchecked exclusivity: see `Renderer`.
    @exclusivity(unchecked) private var scopes: [Object] = [Object()]
    @exclusivity(unchecked) var forloops: [ForloopDrop] = []

    init(environment: Object) {
        self.environment = environment
    }

    func lookup(_ name: ObjectKey) -> Value? {
        var i = scopes.count - 1
        while i >= 0 {
            if let v = scopes[i][name] { return v }
            i -= 1
        }
        return environment[name]
    }

    /// `assign` and `capture`: visible for the rest of the render.
    func assign(_ name: ObjectKey, _ value: Value) {
        scopes[0][name] = value
    }

    func assign(_ name: String, _ value: Value) { assign(ObjectKey(name), value) }

    /// A variable of the innermost scope (loop variable, include argument).
    func setLocal(_ name: ObjectKey, _ value: Value) {
        scopes[scopes.count - 1][name] = value
    }

    func setLocal(_ name: String, _ value: Value) { setLocal(ObjectKey(name), value) }

    func pushScope() { scopes.append(Object()) }
    func popScope() { if scopes.count > 1 { scopes.removeLast() } }
}
