// One metric over steps as an inline SVG line chart: axes with round tick values, the line broken where a
// value is NaN or infinite (counted in the caption, since a NaN loss is the thing to notice), no scripts.
// Further named series share the axes (a comparison of runs), each in its own colour with a legend; a
// standalone file carries its own style.
import Foundation

/// An SVG line plot of one series over steps.
public struct SVGPlot: Sendable {
    /// The metric's name, shown as the title.
    public var title: String
    /// (step, value) pairs in step order; non-finite values break the line.
    public var points: [(x: Double, y: Double)]
    /// Size in CSS pixels.
    public var width = 360.0, height = 230.0
    /// More lines on the same axes, each with the name its legend shows; `points` is then named `name`.
    public var others: [(name: String, points: [(x: Double, y: Double)])] = []
    /// The legend name of `points` when there are `others`.
    public var name = ""
    /// What the x axis counts, under it (default: nothing).
    public var xLabel = ""

    private let left = 58.0, right = 14.0, top = 44.0, bottom = 30.0

    /// A plot of `points` titled `title`.
    public init(title: String, points: [(x: Double, y: Double)]) {
        self.title = title
        self.points = points
    }

    /// The `<svg>` element.
    public func svg() -> String {
        let finite = (points + others.flatMap(\.points)).filter { $0.x.isFinite && $0.y.isFinite }
        var out = """
            <svg width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(escapeHTML(title))">
            <text x="8" y="15" class="title">\(escapeHTML(title))</text>

            """
        if others.isEmpty { out += "<text x=\"8\" y=\"28\" class=\"caption\">\(escapeHTML(caption(finite)))</text>\n" }
        guard !finite.isEmpty else { return out + "</svg>" }
        let xs = Self.range(finite.map(\.x))
        let ys = Self.range(finite.map(\.y))
        let xTicks = Self.ticks(xs, count: 5, integral: true)
        let yTicks = Self.ticks(ys, count: 5, integral: false)
        let xRange = (min(xs.lo, xTicks.first ?? xs.lo), max(xs.hi, xTicks.last ?? xs.hi))
        let yRange = (min(ys.lo, yTicks.first ?? ys.lo), max(ys.hi, yTicks.last ?? ys.hi))
        let px = { (x: Double) in left + (x - xRange.0) / (xRange.1 - xRange.0) * (width - left - right) }
        let py = { (y: Double) in height - bottom - (y - yRange.0) / (yRange.1 - yRange.0) * (height - top - bottom) }
        for tick in yTicks {
            out += line(left, py(tick), width - right, py(tick), "grid")
            out += "<text x=\"\(f(left - 5))\" y=\"\(f(py(tick) + 4))\" class=\"ytick\">\(label(tick))</text>\n"
        }
        for tick in xTicks {
            out += line(px(tick), height - bottom, px(tick), height - bottom + 4, "axis")
            out += "<text x=\"\(f(px(tick)))\" y=\"\(f(height - bottom + 16))\" class=\"xtick\">\(label(tick))</text>\n"
        }
        out += line(left, height - bottom, width - right, height - bottom, "axis")
        out += line(left, top, left, height - bottom, "axis")
        for point in points where point.x.isFinite && !point.y.isFinite {
            out += line(px(point.x), top, px(point.x), height - bottom, "nonfinite")
        }
        for (i, series) in ([(name, points)] + others).enumerated() {
            let suffix = i == 0 ? "" : " s\(i % 4)"
            for segment in Self.segments(series.1) {
                let coords = segment.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
                out += segment.count == 1
                    ? "<circle cx=\"\(f(px(segment[0].x)))\" cy=\"\(f(py(segment[0].y)))\" r=\"2.5\" class=\"dot\(suffix)\"/>\n"
                    : "<polyline points=\"\(coords)\" class=\"series\(suffix)\"/>\n"
            }
            if !others.isEmpty {
                // Bottom right: where rising curves leave room.
                let y = height - bottom - 10 - Double(others.count - i) * 14
                out += line(width - right - 150, y, width - right - 134, y, "series\(suffix)")
                out += "<text x=\"\(f(width - right - 130))\" y=\"\(f(y + 4))\">\(escapeHTML(series.0))</text>\n"
            }
        }
        if !xLabel.isEmpty {
            out += "<text x=\"\(f(width - right))\" y=\"\(f(height - 2))\" class=\"ytick\">\(escapeHTML(xLabel))</text>\n"
        }
        return out + "</svg>"
    }

    /// The plot as a file of its own: the namespace, its style and a white background.
    public func standalone() -> String {
        let body = svg()
        let open = body.range(of: ">")!.upperBound
        return body[..<open].replacingOccurrences(of: "<svg ", with: "<svg xmlns=\"http://www.w3.org/2000/svg\" ")
            + "<style>\(Self.style)</style><rect width=\"100%\" height=\"100%\" fill=\"white\"/>" + body[open...] + "\n"
    }

    /// The look of a plot; HTMLReport's page style says the same for inline plots.
    static let style = "text{font:11px system-ui,sans-serif;fill:#444}.title{font-size:13px;font-weight:600;fill:#222}"
        + ".caption{fill:#777}.ytick{text-anchor:end}.xtick{text-anchor:middle}.grid{stroke:#eee}.axis{stroke:#999}"
        + ".series{fill:none;stroke:#2763c4;stroke-width:1.6}.dot{fill:#2763c4}.nonfinite{stroke:#d33;stroke-dasharray:3 2}"
        + ".s1{stroke:#d9822b}.dot.s1{fill:#d9822b}.s2{stroke:#2b9d5b}.dot.s2{fill:#2b9d5b}.s3{stroke:#8e44ad}.dot.s3{fill:#8e44ad}"

    private func caption(_ finite: [(x: Double, y: Double)]) -> String {
        guard let last = finite.last else { return "no finite values" }
        let values = finite.map(\.y)
        var text = "last \(label(last.y)) · min \(label(values.min()!)) · max \(label(values.max()!))"
        let bad = points.count - finite.count
        if bad > 0 { text += " · \(bad) non-finite (red)" }
        return text
    }

    /// Runs of consecutive finite points.
    private static func segments(_ points: [(x: Double, y: Double)]) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = [[]]
        for point in points {
            if point.x.isFinite && point.y.isFinite {
                runs[runs.count - 1].append(point)
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        return runs.filter { !$0.isEmpty }
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cls: String) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" class=\"\(cls)\"/>\n"
    }

    private func f(_ x: Double) -> String { String(format: "%.1f", x) }

    private func label(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
        return String(format: "%.3g", x)
    }

    /// Data range, widened when flat so the line sits mid-plot.
    static func range(_ values: [Double]) -> (lo: Double, hi: Double) {
        let lo = values.min()!, hi = values.max()!
        if lo < hi { return (lo, hi) }
        let pad = lo == 0 ? 1 : abs(lo) * 0.1
        return (lo - pad, hi + pad)
    }

    /// About `count` round tick values (1, 2 or 5 times a power of ten apart) covering `range`.
    static func ticks(_ range: (lo: Double, hi: Double), count: Int, integral: Bool) -> [Double] {
        let raw = (range.hi - range.lo) / Double(count)
        let power = pow(10, floor(log10(raw)))
        var step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        if integral { step = max(step.rounded(.up), 1) }
        let first = floor(range.lo / step) * step
        return stride(from: first, through: range.hi + step * 0.999, by: step).map { $0 }
    }
}

/// Text made safe for HTML element content and attribute values.
func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for char in text {
        switch char {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(char)
        }
    }
    return out
}
