# A legislature file read once (the C library's document), and what is
# computed from it.

ps_legislature <- function(source, name = NULL) {
  if (is.data.frame(source)) {
    con <- textConnection("csv", "w", local = TRUE)
    utils::write.csv(source, con, row.names = FALSE)
    close(con)
    doc <- .Call(R_ps_document, paste(csv, collapse = "\n"), TRUE,
                 if (is.null(name)) "<data.frame>" else name)
  } else if (is.list(source)) {
    if (!requireNamespace("jsonlite", quietly = TRUE))
      stop("a legislature given as a list needs the jsonlite package")
    text <- as.character(jsonlite::toJSON(source, auto_unbox = TRUE, null = "null"))
    doc <- .Call(R_ps_document, text, TRUE, if (is.null(name)) "<list>" else name)
  } else if (is.character(source) && length(source) == 1 && grepl("^\\s*\\{", source)) {
    doc <- .Call(R_ps_document, source, TRUE, if (is.null(name)) "<string>" else name)
  } else if (is.character(source) && length(source) == 1) {
    doc <- .Call(R_ps_document, source, FALSE, "")
  } else {
    stop("a legislature is a path, JSON text, a list or a data frame")
  }
  info <- .Call(R_ps_doc_legislature, doc)
  structure(list(doc = doc, info = info), class = "ps_legislature")
}

print.ps_legislature <- function(x, ...) {
  cat(sprintf("<legislature %s: %g seats, %d lists, %g for a majority>\n", x$info$name,
              x$info$total_seats, length(x$info$party), x$info$majority))
  invisible(x)
}

ps_parties <- function(leg) {
  i <- leg$info
  data.frame(party = i$party, name = i$party_name, seats = i$seats, votes = i$votes,
             community = i$community, stringsAsFactors = FALSE)
}

.doc_power <- function(leg, index, exact, samples, seed, method = NULL) {
  r <- .Call(R_ps_doc_power, leg$doc, paste(index, collapse = ","),
             .power_method(exact, method), as.numeric(samples), as.numeric(seed))
  .power_frame(r, list(party = leg$info$party, seats = leg$info$seats))
}

.coalitions_frame <- function(set) {
  if (is.null(set)) return(NULL)
  out <- data.frame(theory = set$theory, rank = set$rank, seats = set$seats,
                    surplus = set$surplus, stringsAsFactors = FALSE)
  out$members <- set$members
  out$label <- vapply(set$members, paste, "", collapse = " + ")
  attr(out, "minimal_winning") <- set$minimal_winning
  out
}

.prediction_frame <- function(p) {
  if (is.null(p)) return(NULL)
  out <- data.frame(probability = p$probability, alike = p$alike)
  out$members <- p$members
  out$label <- vapply(p$members, paste, "", collapse = " + ")
  attr(out, "in_government") <- p$in_government
  attr(out, "caveat") <- p$caveat
  attr(out, "status") <- c(oversized = p$oversized, minimal_winning = p$minimal_winning,
                           minority = p$minority)
  attr(out, "top10") <- p$top10
  out
}

.evaluation <- function(g) {
  if (is.null(g)) return(NULL)
  g$members <- as.data.frame(g$members, stringsAsFactors = FALSE)
  g$roles <- stats::setNames(g$roles, g$communities)
  g$communities <- NULL
  structure(g, class = "ps_evaluation")
}

ps_analyze <- function(leg, model = "", top = 10, government = NULL) {
  r <- .Call(R_ps_doc_analyze, leg$doc, model, as.integer(top), government,
             c(TRUE, TRUE, TRUE, TRUE), 5L)
  structure(list(
    rule = r$rule, quota = r$quota,
    power = if (!is.null(r$power)) .power_frame(r$power, list(party = leg$info$party,
                                                              seats = leg$info$seats)),
    communities = data.frame(community = r$community, seats = r$community_seats,
                             banzhaf = r$community_banzhaf,
                             shapley_shubik = r$community_shapley),
    coalitions = .coalitions_frame(r$coalitions), feasible = .coalitions_frame(r$feasible),
    government = r$government, government_basis = r$government_basis,
    offices = data.frame(office = r$reserved_office, party = r$reserved_party),
    prediction = .prediction_frame(r$prediction), prediction_error = r$prediction_error,
    evaluation = .evaluation(r$evaluation)), class = "ps_analysis")
}

ps_coalitions <- function(leg, top = 10, condition = TRUE) {
  r <- .Call(R_ps_doc_analyze, leg$doc, NULL, as.integer(top), NULL,
             c(FALSE, TRUE, FALSE, FALSE), 5L)
  .coalitions_frame(if (condition && !is.null(r$feasible)) r$feasible else r$coalitions)
}

ps_predict <- function(leg, model = "", top = 10) {
  r <- .Call(R_ps_doc_analyze, leg$doc, model, 10L, NULL, c(FALSE, FALSE, FALSE, FALSE),
             as.integer(top))
  if (is.null(r$prediction)) .ps_condition(-5L, r$prediction_error, NA_character_, 0L, 0L)
  .prediction_frame(r$prediction)
}

ps_evaluate <- function(leg, government, posts = NULL) {
  .evaluation(.Call(R_ps_doc_evaluate, leg$doc, as.character(government), posts))
}

ps_portfolios <- function(leg, coalition, posts = NA, method = "dhondt", parity = NULL) {
  r <- .Call(R_ps_doc_portfolios, leg$doc, as.character(coalition), as.numeric(posts), method,
             parity)
  out <- data.frame(party = r$party, seats = r$seats, posts = r$posts, share = r$share,
                    stringsAsFactors = FALSE)
  attr(out, "offices") <- data.frame(office = r$office, community = r$office_community,
                                     party = r$office_party, stringsAsFactors = FALSE)
  out
}

ps_whatif <- function(leg, scenarios = NULL) {
  text <- NULL
  if (!is.null(scenarios)) {
    if (!requireNamespace("jsonlite", quietly = TRUE))
      stop("scenarios given as a list need the jsonlite package")
    if (!is.null(names(scenarios))) scenarios <- list(scenarios)
    text <- as.character(jsonlite::toJSON(scenarios, auto_unbox = TRUE))
  }
  lapply(.Call(R_ps_doc_whatif, leg$doc, text), function(s) {
    s$parties <- as.data.frame(s$parties, stringsAsFactors = FALSE)
    s$communities <- as.data.frame(s$communities, stringsAsFactors = FALSE)
    s
  })
}

ps_chart <- function(leg, kind = c("hemicycle", "power")) {
  kind <- match.arg(kind)
  svg <- if (kind == "power") {
    p <- .doc_power(leg, c("banzhaf", "shapley_shubik"), TRUE, 0, 1)
    .Call(R_ps_doc_chart, leg$doc, kind, p$banzhaf, p$shapley_shubik)
  } else .Call(R_ps_doc_chart, leg$doc, kind, NULL, NULL)
  structure(svg, class = "ps_svg")
}

print.ps_svg <- function(x, ...) {
  cat(sprintf("<SVG chart, %d characters; write it with writeLines(x, \"chart.svg\")>\n",
              nchar(x)))
  invisible(x)
}
