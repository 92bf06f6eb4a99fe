# Seat and coalition probabilities from polls.

ps_simulate <- function(polls, seats, method = "sainte-lague", threshold = NULL,
                        draws = 100000, seed = 1, others = NULL, exempt = NULL,
                        banzhaf = FALSE) {
  if (is.data.frame(polls)) {
    con <- textConnection("csv", "w", local = TRUE)
    utils::write.csv(polls, con, row.names = FALSE)
    close(con)
    text <- paste(csv, collapse = "\n")
    source <- "<data.frame>"
  } else {
    text <- paste(readLines(polls, warn = FALSE, encoding = "UTF-8"), collapse = "\n")
    source <- polls
  }
  quota <- identical(threshold, "quota")
  r <- .Call(R_ps_simulate, text, source, as.numeric(seats), method,
             if (quota || is.null(threshold)) NULL else as.numeric(.share(threshold)), quota,
             as.numeric(draws), as.numeric(seed), others, exempt, banzhaf)
  n <- r$draws
  se <- function(p) sqrt(p * (1 - p) / n)
  parties <- data.frame(party = r$party, poll_share = r$poll_share, others = r$others,
                        p_seats = r$entered / n, se = se(r$entered / n),
                        seats_q05 = r$seats_q05, seats_q50 = r$seats_q50,
                        seats_q95 = r$seats_q95, seats_mean = r$seats_mean,
                        stringsAsFactors = FALSE)
  if (banzhaf) parties$banzhaf <- r$banzhaf
  coalitions <- data.frame(p_majority = r$majority_draws / n, se = se(r$majority_draws / n),
                           p_minimal = r$minimal_draws / n, se_minimal = se(r$minimal_draws / n))
  coalitions$parties <- r$coalition
  coalitions$label <- vapply(r$coalition, paste, "", collapse = " + ")
  coalitions <- coalitions[order(-coalitions$p_minimal, seq_len(nrow(coalitions))), ]
  rownames(coalitions) <- NULL
  structure(list(parties = parties, coalitions = coalitions, draws = n, seats = r$seats,
                 majority = r$majority, sample_size = r$sample_size), class = "ps_simulation")
}
