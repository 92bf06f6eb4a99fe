# Whole electoral laws (include/powershare/system.h): a votes table's seats
# under a bundled law or a law file, and the catalogue of bundled laws.

ps_law <- function(votes, law, others = character(), seats = NULL, district_seats = NULL) {
  if (is.character(votes) && length(votes) == 1) {
    text <- paste(readLines(votes, encoding = "UTF-8", warn = FALSE), collapse = "\n")
  } else {
    keep <- intersect(names(votes),
                      c("party", "district", "votes", "direct_wins", "alliance", "candidates",
                      "members"))
    con <- textConnection("lines", "w", local = TRUE)
    utils::write.csv(as.data.frame(votes)[keep], con, row.names = FALSE, na = "",
                     fileEncoding = "UTF-8")
    close(con)
    text <- paste(lines, collapse = "\n")
  }
  if (is.data.frame(district_seats))
    district_seats <- stats::setNames(district_seats$seats, district_seats$district)
  r <- .Call(R_ps_law, enc2utf8(text), as.character(law), enc2utf8(as.character(others)),
             as.double(if (is.null(seats)) numeric() else seats),
             enc2utf8(as.character(names(district_seats))), as.double(district_seats))
  out <- data.frame(party = r$party, votes = r$votes, seats = r$seats, eligible = r$eligible,
                    stringsAsFactors = FALSE)
  for (k in c("bonus", "overhang", "moved", "leveling"))
    if (any(r[[k]] != 0)) out[[k]] <- r[[k]]
  attr(out, "house") <- r$house
  attr(out, "notes") <- if (is.na(r$notes)) character() else strsplit(r$notes, "\n")[[1]]
  attr(out, "law") <- list(system = r$system, chamber = r$chamber, law = r$law,
                           source = r$source)
  if (!is.null(r$seats_in))
    attr(out, "seats_in") <- as.data.frame(r$seats_in, stringsAsFactors = FALSE)
  out
}

ps_laws <- function() .Call(R_ps_laws)
