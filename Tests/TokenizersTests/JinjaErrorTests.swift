// Template errors name the template and the line:column of what failed, at parse time and at render
// time; strftime_now gives today's date, as Llama 3's template expects when no date_string is passed.
import Foundation
import Testing
import Tokenizers

@Suite struct JinjaErrorTests {
    private func parseError(_ text: String) throws -> JinjaError {
        try #require(throws: JinjaError.self) { try JinjaTemplate(text, name: "t.jinja") }
    }

    private func renderError(_ text: String, _ variables: [String: JinjaValue] = [:]) throws -> JinjaError {
        let template = try JinjaTemplate(text, name: "t.jinja")
        return try #require(throws: JinjaError.self) { try template.render(variables) }
    }

    @Test func syntaxErrorsNameLineAndColumn() throws {
        let bad = try parseError("line one\n{% if x %}\n  {{ y + }}\n{% endif %}")
        #expect(bad.template == "t.jinja" && bad.line == 3 && bad.column == 10)
        #expect(bad.description.hasPrefix("t.jinja:3:10: expected an expression"))
        #expect(try parseError("{% for m in messages %}x").message.contains("'endfor'"))
        #expect(try parseError("ok\n{% endif %}").line == 2)
        #expect(try parseError("{{ 'open }}").message.contains("unterminated string"))
        #expect(try parseError("{% include 'x' %}").message.contains("unsupported tag 'include'"))
        #expect(try parseError("{# never closed").message.contains("#}"))
    }

    @Test func renderErrorsNameLineAndColumn() throws {
        let undefined = try renderError("a\n  {{ nothing.deeper }}")
        #expect(undefined.line == 2 && undefined.column == 6 && undefined.message.contains("'nothing' is undefined"))
        let filter = try renderError("{{ 'x' | nosuch }}")
        #expect(filter.message == "unknown filter 'nosuch'" && filter.column == 4)
        let types = try renderError("{{ 'a' + 1 }}")
        #expect(types.message.contains("unsupported operand type(s) for +: 'str' and 'int'"))
        let raised = try renderError("{% if messages | length == 0 %}{{ raise_exception('need a message') }}{% endif %}",
                                     ["messages": .list([])])
        #expect(raised.message.contains("need a message") && raised.column == 35)
        #expect(try renderError("{% set x.y = 1 %}", ["x": .string("s")]).message.contains("not a namespace"))
    }

    @Test func strftimeNowIsToday() throws {
        let template = try JinjaTemplate("{{ strftime_now('%d %b %Y') }}", name: "t.jinja")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "dd MMM yyyy"
        let before = formatter.string(from: Date())
        let text = try template.render([:]).text
        #expect(text == before || text == formatter.string(from: Date()))
    }
}
