// One metric over steps as an inline SVG line chart: axes with round tick values, the line broken where a
// value is NaN or infinite (counted in the caption, since a NaN loss is the thing to notice), no scripts.
import Foundation

/// An SVG line plot of one series over steps.
public struct SVGPlot: Sendable {
    /// The metric's name, shown as the title.
    public var title: String
    /// (step, value) pairs in step order; non-finite values break the line.
    public var points: [(x: Double, y: Double)]
    /// Size in CSS pixels.
    public var width = 360.0, height = 230.0

    private let left = 58.0, right = 14.0, top = 44.0, bottom = 30.0

    /// A plot of `points` titled `title`.
    public init(title: String, points: [(x: Double, y: Double)]) {
        self.title = title
        self.points = points
    }

    /// The `<svg>` element.
    public func svg() -> String {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        var out = """
            <svg width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(escapeHTML(title))">
            <text x="8" y="15" class="title">\(escapeHTML(title))</text>

            """
        out += "<text x=\"8\" y=\"28\" class=\"caption\">\(escapeHTML(caption(finite)))</text>\n"
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
        for segment in segments() {
            let coords = segment.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            out += segment.count == 1
                ? "<circle cx=\"\(f(px(segment[0].x)))\" cy=\"\(f(py(segment[0].y)))\" r=\"2.5\" class=\"dot\"/>\n"
                : "<polyline points=\"\(coords)\" class=\"series\"/>\n"
        }
        return out + "</svg>"
    }

    private func caption(_ finite: [(x: Double, y: Double)]) -> String {
        guard let last = finite.last else { return "no finite values" }
        let values = finite.map(\.y)
        var text = "last \(label(last.y)) · min \(label(values.min()!)) · max \(label(values.max()!))"
        let bad = points.count - finite.count
        if bad > 0 { text += " · \(bad) non-finite (red)" }
        return text
    }

    /// Runs of consecutive finite points.
    private func segments() -> [[(x: Double, y: Double)]] {
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
