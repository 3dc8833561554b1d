// Our Jinja renderer against transformers' render_jinja_template (what apply_chat_template calls), byte
// for byte: the real chat templates of SmolLM2, Qwen2.5, Llama 3.2, Mistral Nemo and Phi-3.5 on many
// conversations, and small templates for the rest of the language, with {% generation %} ranges.
// Fixtures: scripts/make_chat_template_fixtures.sh.
import Foundation
import Testing
import Tokenizers

@Suite struct JinjaParityTests {
    static let directory = Fixtures.directory.appendingPathComponent("chat-templates")

    static func expected() throws -> JinjaDict {
        let url = directory.appendingPathComponent("expected.json")
        guard case .dict(let root) = try JinjaJSON.parse(try String(contentsOf: url, encoding: .utf8), name: url.path) else {
            throw TokenizerError(file: url.path, field: "", "expected a JSON object")
        }
        return root
    }

    static func list(_ value: JinjaValue?) -> [JinjaValue] {
        if case .list(let items)? = value { return items }
        return []
    }

    static func string(_ value: JinjaValue?) -> String? {
        if case .string(let s)? = value { return s }
        return nil
    }

    @Test func modelTemplatesRenderAsTransformersDoes() throws {
        let cases = Self.list(try Self.expected()["cases"])
        #expect(cases.count >= 100)
        var templates: [String: JinjaTemplate] = [:]
        var checked = Set<String>(), failures = 0
        for case .dict(let c) in cases {
            let name = Self.string(c["template"])!
            if templates[name] == nil {
                let path = Self.directory.appendingPathComponent("\(name).jinja").path
                templates[name] = try JinjaTemplate(try String(contentsOfFile: path, encoding: .utf8), name: path)
            }
            var variables: [String: JinjaValue] = ["messages": c["messages"]!, "tools": c["tools"]!, "documents": .none,
                                                   "add_generation_prompt": c["add_generation_prompt"]!]
            if case .dict(let extra)? = c["variables"] { for (key, value) in extra.items { variables[key] = value } }
            let label = "\(name)/\(Self.string(c["chat"])!)/agp=\(c["add_generation_prompt"]! == .bool(true))"
            if let message = Self.string(c["error"]) {
                let error = try #require(throws: JinjaError.self, "\(label)") { try templates[name]!.render(variables) }
                #expect(error.description.contains(message), "\(label)")
                #expect(error.template.hasSuffix("\(name).jinja") && error.line > 1, "\(label): \(error)")
            } else {
                let text = try templates[name]!.render(variables).text
                if text != Self.string(c["text"]) { failures += 1 }
                #expect(text == Self.string(c["text"]), "\(label)")
            }
            checked.insert(name)
        }
        #expect(checked == ["smollm2", "qwen2.5", "llama3.2", "mistral-nemo", "phi3.5"])
        #expect(failures == 0)
    }

    @Test func languageFeaturesRenderAsTransformersDoes() throws {
        let features = Self.list(try Self.expected()["features"])
        #expect(features.count >= 60)
        for case .dict(let f) in features {
            let name = Self.string(f["name"])!
            let template = try JinjaTemplate(Self.string(f["template"])!, name: "feature \(name)")
            let output = try template.render(["messages": f["messages"]!, "tools": .none, "documents": .none,
                                              "add_generation_prompt": f["add_generation_prompt"]!])
            #expect(output.text == Self.string(f["text"]), "\(name)")
            let ranges = Self.list(f["generation_ranges"]).map { pair -> Range<Int> in
                let bounds = Self.list(pair).compactMap { value -> Int? in if case .int(let i) = value { i } else { nil } }
                return bounds[0]..<bounds[1]
            }
            #expect(output.generationRanges == ranges, "\(name)")
        }
    }
}
