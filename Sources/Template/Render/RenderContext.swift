/// The variables one render sees: the scopes that loops and includes open, innermost first,
/// then `assign`ed globals, then the data handed in.
///
/// The open scopes' variables live on one flat stack searched from the top, rather than in an
/// object per scope: opening and closing a scope (every loop, every include) moves an index
/// and allocates nothing once the stack has grown to its deepest, and a lookup scans a few
/// precomputed hashes in one buffer.
///
/// Unchecked exclusivity: see `Renderer` (a context belongs to one renderer, one thread, and
/// no access to its state overlaps another).
final class RenderContext {
    /// One variable of an open scope.
    struct Local {
        var key: ObjectKey
        var value: Value
    }

    let environment: Object
    /// `assign` and `capture` targets (Liquid assigns are global to the render, even inside
    /// a loop), and what is set while no scope is open (`render`'s arguments).
    /// Room for the dozen or so variables a page and its layout assign, so that the first
    /// assigns do not regrow it several times.
    @exclusivity(unchecked) private var globals = Object(reservingCapacity: 16)
    /// The variables of the open scopes, the innermost scope's last.
    @exclusivity(unchecked) private var locals: [Local] = []
    /// Where each open scope's variables start in `locals`, the innermost last.
    @exclusivity(unchecked) private var scopeStarts: [Int] = []
    /// The `forloop` drops of the enclosing loops that make them, for `forloop.parentloop`.
    @exclusivity(unchecked) var forloops: [ForloopDrop] = []

    init(environment: Object) {
        self.environment = environment
    }

    func lookup(_ name: ObjectKey) -> Value? {
        let found: Value? = locals.withUnsafeBufferPointer { locals in
            var i = locals.count - 1
            while i >= 0 {
                if locals[i].key.hash == name.hash && locals[i].key.name == name.name { return locals[i].value }
                i -= 1
            }
            return nil
        }
        if let found { return found }
        if let v = globals[name] { return v }
        return environment[name]
    }

    /// `assign` and `capture`: visible for the rest of the render.
    func assign(_ name: ObjectKey, _ value: Value) {
        globals[name] = value
    }

    func assign(_ name: String, _ value: Value) { assign(ObjectKey(name), value) }

    /// A variable of the innermost scope (loop variable, include argument); a global when no
    /// scope is open.
    func setLocal(_ name: ObjectKey, _ value: Value) {
        guard let start = scopeStarts.last else {
            globals[name] = value
            return
        }
        var i = start
        while i < locals.count {
            if locals[i].key.hash == name.hash && locals[i].key.name == name.name {
                locals[i].value = value
                return
            }
            i += 1
        }
        locals.append(Local(key: name, value: value))
    }

    func setLocal(_ name: String, _ value: Value) { setLocal(ObjectKey(name), value) }

    func pushScope() { scopeStarts.append(locals.count) }

    func popScope() {
        guard let start = scopeStarts.popLast() else { return }
        locals.removeSubrange(start...)
    }
}
