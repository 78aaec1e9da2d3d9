//! `BENCHMARKS.svg`: `gen`'s time against catalog size, log–log, beside
//! tighterror and the parse floor. A white background, so that it reads the
//! same in a light or a dark page.

use std::path::Path;

use plotters::prelude::*;

/// One line of the chart: (entries, milliseconds) in ascending entries.
pub struct Series {
    pub name: &'static str,
    pub color: RGBColor,
    pub points: Vec<(f64, f64)>,
}

pub fn write(path: &Path, series: &[Series]) -> Result<(), String> {
    let failed =
        |error: &dyn std::fmt::Display| format!("error: drawing {}: {error}", path.display());
    let all = || series.iter().flat_map(|line| line.points.iter().copied());
    let bounds = |pick: fn((f64, f64)) -> f64| {
        let (low, high) = all()
            .map(pick)
            .fold((f64::MAX, f64::MIN), |(low, high), value| {
                (low.min(value), high.max(value))
            });
        // Room around the extreme points on a log axis.
        (low / 2.0)..(high * 2.0)
    };
    let (entries, millis) = (bounds(|(x, _)| x), bounds(|(_, y)| y));
    if entries.is_empty() || millis.is_empty() {
        return Err(failed(&"nothing was measured"));
    }

    let root = SVGBackend::new(path, (900, 560)).into_drawing_area();
    root.fill(&WHITE).map_err(|error| failed(&error))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "Generator time against catalog size (log–log)",
            ("sans-serif", 24),
        )
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(entries.log_scale(), millis.log_scale())
        .map_err(|error| failed(&error))?;
    chart
        .configure_mesh()
        .x_desc("entries in the catalog")
        .y_desc("time, ms (median of runs)")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| {
            if *y < 10.0 {
                format!("{y:.1}")
            } else {
                format!("{y:.0}")
            }
        })
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 17))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(|error| failed(&error))?;
    for line in series {
        let color = line.color;
        chart
            .draw_series(LineSeries::new(
                line.points.iter().copied(),
                color.stroke_width(2),
            ))
            .map_err(|error| failed(&error))?
            .label(line.name)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(3))
            });
        // A size measured alone (tighterror in a quick run) is a point.
        chart
            .draw_series(
                line.points
                    .iter()
                    .map(|&point| Circle::new(point, 4, color.filled())),
            )
            .map_err(|error| failed(&error))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 16))
        .background_style(WHITE)
        .border_style(BLACK)
        .draw()
        .map_err(|error| failed(&error))?;
    root.present().map_err(|error| failed(&error))
}

/// Dark enough on white for text and lines, and told apart without colour
/// vision by their order in the legend and their height.
pub const OURS: RGBColor = RGBColor(0, 90, 181);
pub const PEER: RGBColor = RGBColor(220, 50, 32);
pub const FLOOR: RGBColor = RGBColor(90, 90, 90);
