# The single transferable vote (include/powershare/stv.h): a count from a
# ballot file in the BLT format, under the Scottish, the Irish or the
# reference Meek rules. Every figure is exact to the rule's decimal places (5,
# or 9 under Meek's): a double, and its exact decimal text beside it (columns
# *_exact).

ps_stv <- function(ballots, rule = "scottish", seats = NULL, ties = "error", seed = 0) {
  if (is.raw(ballots)) {
    bytes <- ballots
    source <- "<raw>"
  } else if (is.character(ballots) && length(ballots) == 1 && grepl("\n", ballots)) {
    bytes <- charToRaw(enc2utf8(ballots))
    source <- "<text>"
  } else {
    source <- as.character(ballots)
    if (!file.exists(source))
      .ps_condition(-3L, "no such file", source, 0L, 0L)
    bytes <- readBin(source, "raw", file.info(source)$size)
  }
  r <- .Call(R_ps_stv, bytes, enc2utf8(source), as.character(rule),
             as.double(if (is.null(seats)) 0 else seats), as.character(ties), as.double(seed))
  c <- r$candidates
  order <- match(c$candidate, r$elected, nomatch = 0L)
  out <- data.frame(candidate = c$candidate, affiliation = c$affiliation, status = c$status,
                    stage = c$stage, order = order, last_vacancies = c$last_vacancies,
                    votes = as.numeric(c$votes), votes_exact = c$votes,
                    stringsAsFactors = FALSE)
  sheet <- data.frame(stage = r$sheet$stage, candidate = r$sheet$candidate,
                      votes = as.numeric(r$sheet$votes), votes_exact = r$sheet$votes,
                      stringsAsFactors = FALSE)
  if (identical(r$rule, "meek")) {
    sheet$keep_factor <- as.numeric(r$sheet$keep_factor)
    sheet$keep_factor_exact <- r$sheet$keep_factor
  }
  actions <- data.frame(stage = r$actions$stage, action = r$actions$action,
                        candidate = r$actions$candidate, excluded = r$actions$excluded,
                        amount = as.numeric(r$actions$amount),
                        amount_exact = r$actions$amount, elected = r$actions$elected,
                        quota = as.numeric(r$actions$quota), quota_exact = r$actions$quota,
                        iterations = r$actions$iterations, stringsAsFactors = FALSE)
  attr(out, "count") <- list(title = r$title, rule = r$rule, seats = r$seats,
                             ballots = r$ballots, valid = r$valid, ignored = r$ignored,
                             quota = as.numeric(r$quota), quota_exact = r$quota,
                             elected = r$elected)
  attr(out, "sheet") <- sheet
  attr(out, "actions") <- actions
  attr(out, "ties") <- as.data.frame(r$ties, stringsAsFactors = FALSE)
  out
}
