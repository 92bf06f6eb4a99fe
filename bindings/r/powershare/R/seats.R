# Seats from votes, and the voting power of a weighted game.

.share <- function(threshold) {
  if (is.null(threshold)) return(NULL)
  if (is.character(threshold)) {
    t <- trimws(threshold)
    if (endsWith(t, "%")) return(.fraction_of(substr(t, 1, nchar(t) - 1), 100))
    if (grepl("/", t, fixed = TRUE)) {
      p <- as.numeric(strsplit(t, "/", fixed = TRUE)[[1]])
      return(c(p[1], p[2]))
    }
    return(.fraction_of(t, 1))
  }
  .fraction_of(format(threshold, scientific = FALSE, digits = 15), 1)
}

# "5" of 100, "0.05" of 1: an exact numerator and denominator from decimal text
.fraction_of <- function(text, scale) {
  parts <- strsplit(text, ".", fixed = TRUE)[[1]]
  decimals <- if (length(parts) > 1) nchar(parts[2]) else 0
  num <- as.numeric(paste0(parts[1], if (decimals) parts[2] else ""))
  c(num, scale * 10^decimals)
}

ps_methods <- function() .Call(R_ps_methods)

ps_seats <- function(votes, seats = NULL, method = "dhondt", threshold = NULL,
                     ties = c("error", "first"), districts = NULL, biproportional = FALSE,
                     winner_take_one = NULL, lower_method = NULL, district_threshold = NULL) {
  ties <- match.arg(ties)
  variants <- list(winner_take_one = winner_take_one, lower_method = lower_method,
                   district_threshold = .share(district_threshold))
  given <- names(Filter(Negate(is.null), variants))
  if (length(given) && !(!is.null(districts) && isTRUE(biproportional)))
    .ps_condition(-2L, paste0(paste(given, collapse = ", "),
                              ": with districts and biproportional = TRUE"),
                 NA_character_, 0L, 0L)
  if (is.numeric(votes) && !is.null(names(votes)))
    votes <- data.frame(party = names(votes), votes = unname(votes))
  if (!is.data.frame(votes) || !all(c("party", "votes") %in% names(votes)))
    stop("votes: a data frame with party and votes columns, or a named numeric vector")
  if (!is.null(districts)) {
    if (is.data.frame(districts)) districts <- stats::setNames(districts$seats, districts$district)
    return(.seats_by_district(votes, districts, method, threshold, ties, biproportional,
                              variants))
  }
  if (is.null(seats)) stop("give seats (or districts)")
  r <- .Call(R_ps_apportion, as.numeric(votes$votes), as.numeric(seats), method,
             .share(threshold), ties)
  out <- data.frame(party = as.character(votes$party), votes = as.numeric(votes$votes),
                    seats = r$seats, eligible = r$eligible)
  attr(out, "tie") <- if (length(r$tied)) list(tied = r$tied, winners = r$tie_winners)
  out
}

.seats_by_district <- function(votes, districts, method, threshold, ties, biproportional,
                               variants = list()) {
  if (!"district" %in% names(votes)) stop("with districts, votes has a district column")
  unknown <- setdiff(unique(votes$district), names(districts))
  if (length(unknown)) stop("districts: no seats given for ", paste(unknown, collapse = ", "))
  if (biproportional) {
    parties <- unique(as.character(votes$party))
    cells <- expand.grid(district = names(districts), party = parties, stringsAsFactors = FALSE)
    key <- paste(votes$party, votes$district, sep = "\r")
    v <- votes$votes[match(paste(cells$party, cells$district, sep = "\r"), key)]
    v[is.na(v)] <- 0
    r <- .Call(R_ps_biproportional, as.numeric(v), as.numeric(districts), method,
               .share(threshold), ties, variants$winner_take_one, variants$lower_method,
               variants$district_threshold)
    out <- data.frame(party = cells$party, district = cells$district, votes = v,
                      seats = r$seats)
    attr(out, "winner_take_one_not_applied") <- names(districts)[r$unguaranteed]
    return(out)
  }
  parts <- lapply(names(districts), function(d) {
    part <- votes[votes$district == d, ]
    got <- ps_seats(part[, c("party", "votes")], districts[[d]], method, threshold, ties)
    data.frame(party = got$party, district = d, votes = got$votes, seats = got$seats)
  })
  do.call(rbind, parts)
}

.power_frame <- function(r, first) {
  out <- first
  for (name in names(r$values)) {
    out[[name]] <- r$values[[name]]$value
    if (isTRUE(r$exact)) out[[paste0(name, "_exact")]] <- r$values[[name]]$exact
    else if (isTRUE(r$error_bounds))
      out[[paste0(name, "_error_bound")]] <- r$values[[name]]$half_width
    else out[[paste0(name, "_half_width")]] <- r$values[[name]]$half_width
  }
  out <- as.data.frame(out, stringsAsFactors = FALSE)
  attr(out, "exact") <- r$exact
  attr(out, "note") <- r$note
  out
}

# The library's method name: `method` ("exact", "approx" or "float"; the
# library checks it) when given, else from `exact`.
.power_method <- function(exact, method) {
  if (!is.null(method)) return(as.character(method))
  if (exact) "auto" else "approx"
}

ps_power <- function(weights, quota, index = c("banzhaf", "shapley_shubik"), exact = TRUE,
                     samples = 0, seed = 1, method = NULL) {
  players <- if (is.null(names(weights))) as.character(seq_along(weights)) else names(weights)
  r <- .Call(R_ps_power, as.numeric(weights), as.numeric(quota),
             paste(index, collapse = ","), .power_method(exact, method),
             as.numeric(samples), as.numeric(seed))
  .power_frame(r, list(player = players, weight = as.numeric(unname(weights))))
}
