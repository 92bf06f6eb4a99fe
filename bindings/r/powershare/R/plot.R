# ggplot2 pictures of a chamber: the hemicycle and power against seats.

# plot(leg) and ggplot2::autoplot(leg) give the same ggplot object.
plot.ps_legislature <- function(x, type = c("hemicycle", "power"), ...) {
  .legislature_ggplot(x, match.arg(type), "plot()")
}

autoplot.ps_legislature <- function(object, type = c("hemicycle", "power"), ...) {
  .legislature_ggplot(object, match.arg(type), "autoplot()")
}

.legislature_ggplot <- function(x, type, caller) {
  if (!requireNamespace("ggplot2", quietly = TRUE))
    stop(caller, " of a legislature needs the ggplot2 package")
  parties <- ps_parties(x)
  parties <- parties[!is.na(parties$seats) & parties$seats > 0, ]
  if (type == "power") {
    p <- .doc_power(x, c("banzhaf", "shapley_shubik"), TRUE, 0, 1)
    p <- p[!is.na(p$seats) & p$seats > 0, ]
    d <- data.frame(party = rep(p$party, 2), seat_share = rep(p$seats / x$info$total_seats, 2),
                    power = c(p$banzhaf, p$shapley_shubik),
                    index = rep(c("Banzhaf", "Shapley-Shubik"), each = nrow(p)))
    return(ggplot2::ggplot(d, ggplot2::aes(.data$seat_share, .data$power,
                                           colour = .data$index)) +
             ggplot2::geom_abline(slope = 1, intercept = 0, linetype = "dashed") +
             ggplot2::geom_point(size = 2.5) +
             ggplot2::labs(x = "seat share", y = "voting power", colour = NULL,
                           title = x$info$name))
  }
  seats <- .hemicycle_seats(sum(parties$seats))
  seats$party <- rep(parties$party, parties$seats)
  ggplot2::ggplot(seats, ggplot2::aes(.data$x, .data$y, colour = .data$party)) +
    ggplot2::geom_point(size = 2) + ggplot2::coord_fixed() + ggplot2::theme_void() +
    ggplot2::labs(title = sprintf("%s: %g seats, %g for a majority", x$info$name,
                                  x$info$total_seats, x$info$majority), colour = NULL)
}

# Seat positions on concentric half rings, left to right by angle.
.hemicycle_seats <- function(n) {
  rows <- max(1, ceiling(sqrt(n / 4)))
  radii <- seq(1, 2, length.out = rows)
  per <- round(n * radii / sum(radii))
  per[rows] <- n - sum(per[-rows])
  pts <- do.call(rbind, lapply(seq_len(rows), function(r) {
    a <- if (per[r] > 1) seq(pi, 0, length.out = per[r]) else pi / 2
    data.frame(x = radii[r] * cos(a), y = radii[r] * sin(a), angle = a)
  }))
  pts[order(-pts$angle, pts$x^2 + pts$y^2), ]
}

utils::globalVariables(".data") # the ggplot2 pronoun in aes()
