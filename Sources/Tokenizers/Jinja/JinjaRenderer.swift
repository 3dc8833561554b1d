// Renders a parsed template against variables, with jinja2's scoping (a for loop's body has its own
// scope, so only a namespace carries a value out of it) and the globals transformers adds for chat
// templates: raise_exception, strftime_now, namespace, dict, plus jinja2's range. Records the byte ranges
// that `{% generation %}` blocks wrote, which is the assistant mask transformers derives from them.
import Foundation

/// What a render wrote: the text and the UTF-8 byte ranges of its `{% generation %}` blocks.
public struct JinjaOutput: Equatable, Sendable {
    /// The rendered text.
    public var text: String
    /// Byte ranges of `text` written inside `{% generation %}` blocks, in order.
    public var generationRanges: [Range<Int>]
}

final class JinjaRenderer {
    private let source: JinjaSource
    private var scopes: [[String: JinjaValue]]
    private var output = ""
    private var generationRanges: [Range<Int>] = []
    /// Depth of macro calls, to stop a runaway recursion with an error rather than a crash.
    private var callDepth = 0

    private enum Flow { case normal, breakLoop, continueLoop }

    init(source: JinjaSource, variables: [String: JinjaValue]) {
        self.source = source
        self.scopes = [JinjaRenderer.globals(), variables]
    }

    func render(_ nodes: [JinjaNode]) throws -> JinjaOutput {
        if try execute(nodes) != .normal { throw source.error(0, "break or continue outside a loop") }
        return JinjaOutput(text: output, generationRanges: generationRanges)
    }

    // MARK: statements

    private func execute(_ nodes: [JinjaNode]) throws -> Flow {
        for node in nodes {
            let flow = try execute(node)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private func execute(_ node: JinjaNode) throws -> Flow {
        switch node {
        case .text(let text): output += text
        case .output(let expression): output += try evaluate(expression).text
        case .ifBlock(let branches, let otherwise):
            for branch in branches where try evaluate(branch.condition).isTruthy { return try execute(branch.body) }
            return try execute(otherwise)
        case .forLoop(let target, let iterable, let filter, let body, let otherwise, let offset):
            return try runLoop(target: target, iterable: iterable, filter: filter, body: body, otherwise: otherwise, offset: offset)
        case .set(let target, let expression, let offset):
            try assign(target, try evaluate(expression), offset: offset)
        case .setBlock(let target, let body, let offset):
            let text = try capture { _ = try execute(body) }
            try assign(target, .string(text), offset: offset)
        case .macro(let name, let parameters, let body):
            scopes[scopes.count - 1][name] = .macro(JinjaMacroBox(JinjaMacro(name: name, parameters: parameters, body: body)))
        case .generation(let body):
            let start = output.utf8.count
            let flow = try execute(body)
            generationRanges.append(start..<output.utf8.count)
            return flow
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        }
        return .normal
    }

    /// Runs `body` with its own output buffer and returns what it wrote.
    private func capture(_ body: () throws -> Void) throws -> String {
        let saved = output
        output = ""
        defer { output = saved }
        try body()
        return output
    }

    private func lookup(_ name: String) -> JinjaValue {
        for scope in scopes.reversed() { if let value = scope[name] { return value } }
        return .undefined("'\(name)' is undefined")
    }

    private func assign(_ target: JinjaTarget, _ value: JinjaValue, offset: Int) throws {
        switch target {
        case .name(let name): scopes[scopes.count - 1][name] = value
        case .attribute(let object, let attribute):
            guard case .namespace(let namespace) = lookup(object) else {
                throw source.error(offset, "cannot set \(object).\(attribute): \(object) is not a namespace() (only namespaces take attributes)")
            }
            namespace.attributes[attribute] = value
        case .tuple(let names):
            let items = try iterate(value, offset: offset)
            guard items.count == names.count else {
                throw source.error(offset, "cannot unpack \(items.count) values into \(names.count) names")
            }
            for (name, item) in zip(names, items) { scopes[scopes.count - 1][name] = item }
        }
    }

    private func runLoop(target: JinjaTarget, iterable: JinjaExpression.Located, filter: JinjaExpression.Located?,
                         body: [JinjaNode], otherwise: [JinjaNode], offset: Int) throws -> Flow {
        var items = try iterate(try evaluate(iterable), offset: iterable.offset)
        scopes.append([:])
        defer { scopes.removeLast() }
        if let filter {
            items = try items.filter { item in
                try assign(target, item, offset: offset)
                return try evaluate(filter).isTruthy
            }
        }
        if items.isEmpty {
            scopes[scopes.count - 1] = [:]
            return try execute(otherwise)
        }
        for (i, item) in items.enumerated() {
            scopes[scopes.count - 1] = ["loop": loopValue(i, items)]
            try assign(target, item, offset: offset)
            if try execute(body) == .breakLoop { break }
        }
        return .normal
    }

    private func loopValue(_ i: Int, _ items: [JinjaValue]) -> JinjaValue {
        var loop = JinjaDict()
        let n = items.count
        loop["index"] = .int(i + 1)
        loop["index0"] = .int(i)
        loop["revindex"] = .int(n - i)
        loop["revindex0"] = .int(n - i - 1)
        loop["first"] = .bool(i == 0)
        loop["last"] = .bool(i == n - 1)
        loop["length"] = .int(n)
        loop["depth"] = .int(1)
        loop["depth0"] = .int(0)
        if i > 0 { loop["previtem"] = items[i - 1] }
        if i < n - 1 { loop["nextitem"] = items[i + 1] }
        loop["cycle"] = .function(JinjaFunctionBox { args, _ in
            guard !args.isEmpty else { throw JinjaFailure("loop.cycle needs at least one value") }
            return args[i % args.count]
        })
        return .dict(loop)
    }

    /// The items a for loop visits: a list's items, a dict's keys, a string's characters.
    func iterate(_ value: JinjaValue, offset: Int) throws -> [JinjaValue] {
        switch value {
        case .list(let items): return items
        case .dict(let dict): return dict.keys.map { .string($0) }
        case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .undefined: return []
        default: throw source.error(offset, "'\(value.typeName)' object is not iterable")
        }
    }

    // MARK: expressions

    func evaluate(_ located: JinjaExpression.Located) throws -> JinjaValue {
        do {
            return try evaluateUnlocated(located)
        } catch let failure as JinjaFailure {
            throw source.error(located.offset, failure.message)
        }
    }

    private func evaluateUnlocated(_ located: JinjaExpression.Located) throws -> JinjaValue {
        switch located.expression {
        case .literal(let literal): return literal.value
        case .name(let name): return lookup(name)
        case .list(let items): return .list(try items.map(evaluate))
        case .dict(let pairs):
            var dict = JinjaDict()
            for pair in pairs {
                guard case .string(let key) = try evaluate(pair.key) else { throw JinjaFailure("dict keys must be strings here") }
                dict[key] = try evaluate(pair.value)
            }
            return .dict(dict)
        case .attribute(let object, let name): return try JinjaMembers.attribute(try evaluate(object), name)
        case .item(let object, let key): return try JinjaMembers.item(try evaluate(object), try evaluate(key))
        case .slice(let object, let start, let stop, let step):
            return try JinjaMembers.slice(try evaluate(object), start: try start.map(evaluate), stop: try stop.map(evaluate),
                                          step: try step.map(evaluate))
        case .call(let callee, let args, let kwargs):
            return try call(try evaluate(callee), args: try args.map(evaluate), kwargs: try kwargs.map { ($0.0, try evaluate($0.1)) })
        case .filter(let value, let name, let args, let kwargs):
            return try JinjaFilters.apply(name, try evaluate(value), args: try args.map(evaluate),
                                          kwargs: try kwargs.map { ($0.0, try evaluate($0.1)) }, renderer: self)
        case .test(let value, let name, let args, let negated):
            let result = try JinjaFilters.test(name, try evaluate(value), args: try args.map(evaluate))
            return .bool(result != negated)
        case .unary(let op, let operand):
            let value = try evaluate(operand)
            if case .undefined(let why) = value { throw JinjaFailure(why) }
            switch (op, value) {
            case ("-", .int(let i)): return .int(-i)
            case ("-", .double(let d)): return .double(-d)
            case ("+", .int), ("+", .double): return value
            default: throw JinjaFailure("bad operand type for unary \(op): '\(value.typeName)'")
            }
        case .binary(let op, let left, let right):
            return try JinjaOperators.binary(op, try evaluate(left), try evaluate(right))
        case .and(let left, let right):
            let l = try evaluate(left)
            return l.isTruthy ? try evaluate(right) : l
        case .or(let left, let right):
            let l = try evaluate(left)
            return l.isTruthy ? l : try evaluate(right)
        case .not(let operand): return .bool(!(try evaluate(operand)).isTruthy)
        case .conditional(let value, let condition, let otherwise):
            if try evaluate(condition).isTruthy { return try evaluate(value) }
            return try otherwise.map(evaluate) ?? .undefined("the conditional expression had no else")
        }
    }

    /// Calls a macro or built-in function.
    func call(_ callee: JinjaValue, args: [JinjaValue], kwargs: [(String, JinjaValue)]) throws -> JinjaValue {
        switch callee {
        case .function(let function): return try function.call(args, kwargs)
        case .macro(let box): return try callMacro(box.macro, args: args, kwargs: kwargs)
        case .undefined(let why): throw JinjaFailure(why)
        default: throw JinjaFailure("'\(callee.typeName)' object is not callable")
        }
    }

    private func callMacro(_ macro: JinjaMacro, args: [JinjaValue], kwargs: [(String, JinjaValue)]) throws -> JinjaValue {
        guard args.count <= macro.parameters.count else {
            throw JinjaFailure("macro '\(macro.name)' takes \(macro.parameters.count) arguments (\(args.count) given)")
        }
        guard callDepth < 100 else { throw JinjaFailure("macro '\(macro.name)' recursed more than 100 deep") }
        var frame: [String: JinjaValue] = [:]
        for (i, parameter) in macro.parameters.enumerated() {
            if i < args.count {
                frame[parameter.name] = args[i]
            } else if let value = kwargs.first(where: { $0.0 == parameter.name })?.1 {
                frame[parameter.name] = value
            } else if let defaultValue = parameter.defaultValue {
                frame[parameter.name] = try evaluate(.init(defaultValue, 0))
            } else {
                frame[parameter.name] = .undefined("parameter '\(parameter.name)' of macro '\(macro.name)' was not given")
            }
        }
        // A macro sees the template's top-level names and its arguments, not the caller's loop variables.
        let saved = scopes
        scopes = Array(scopes.prefix(2)) + [frame]
        callDepth += 1
        defer { scopes = saved; callDepth -= 1 }
        return .string(try capture { _ = try execute(macro.body) })
    }

    // MARK: globals

    private static func globals() -> [String: JinjaValue] {
        func function(_ body: @escaping JinjaFunction) -> JinjaValue { .function(JinjaFunctionBox(body)) }
        return [
            "raise_exception": function { args, _ in
                throw JinjaFailure("the template raised an exception: \(args.first?.text ?? "")")
            },
            "strftime_now": function { args, _ in
                guard case .string(let format)? = args.first else { throw JinjaFailure("strftime_now takes a format string") }
                return .string(JinjaDate.format(Date(), format))
            },
            "namespace": function { args, kwargs in .namespace(JinjaNamespace(try keywordDict(args, kwargs, "namespace"))) },
            "dict": function { args, kwargs in .dict(try keywordDict(args, kwargs, "dict")) },
            "range": function { args, _ in
                let bounds = try args.map { value -> Int in
                    guard case .int(let i) = value else { throw JinjaFailure("range takes integers (got \(value.typeName))") }
                    return i
                }
                let (start, stop, step) = bounds.count == 1 ? (0, bounds[0], 1)
                    : (bounds[0], bounds.count > 1 ? bounds[1] : 0, bounds.count > 2 ? bounds[2] : 1)
                guard step != 0 else { throw JinjaFailure("range step must not be zero") }
                guard (stop - start) / step < 100_000 else { throw JinjaFailure("range is too long") }
                return .list(Swift.stride(from: start, to: stop, by: step).map { .int($0) })
            },
        ]
    }

    /// A dict from an optional positional dict plus keyword arguments, as `dict(...)` and `namespace(...)` take them.
    private static func keywordDict(_ args: [JinjaValue], _ kwargs: [(String, JinjaValue)], _ name: String) throws -> JinjaDict {
        var dict = JinjaDict()
        if let first = args.first {
            guard case .dict(let given) = first, args.count == 1 else { throw JinjaFailure("\(name)() takes one dict and keyword arguments") }
            dict = given
        }
        for (key, value) in kwargs { dict[key] = value }
        return dict
    }
}
