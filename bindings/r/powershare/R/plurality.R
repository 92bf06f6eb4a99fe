# Multi-member plurality (include/powershare/plurality.h): the single
# non-transferable vote, the block vote and the limited vote, counted from
# candidates' votes. A data frame is written as the CSV the library reads,
# each cell's place kept, so that an error's line and column also name the
# data frame's row and column.

.ps_plurality_columns <- c("district", "candidate", "party", "votes", "seats")

.ps_csv_cell <- function(x) {
  if (is.factor(x)) x <- as.character(x)
  out <- if (is.numeric(x)) {
    whole <- !is.na(x) & is.finite(x) & x == round(x)
    ifelse(whole, sprintf("%.0f", x), as.character(x))
  } else as.character(x)
  out[is.na(x)] <- ""
  quote <- grepl("[,\"\r\n]", out)
  out[quote] <- paste0("\"", gsub("\"", "\"\"", out[quote], fixed = TRUE), "\"")
  out
}

# list(bytes, names, starts: a matrix of each cell's first column, a row per line)
.ps_plurality_table <- function(frame) {
  frame <- as.data.frame(frame, stringsAsFactors = FALSE)
  keep <- names(frame)[tolower(names(frame)) %in% .ps_plurality_columns]
  cells <- rbind(.ps_csv_cell(keep),
                 if (nrow(frame)) do.call(cbind, lapply(frame[keep], .ps_csv_cell)))
  cells <- matrix(cells, ncol = length(keep))
  widths <- matrix(nchar(cells, type = "chars") + 1L, ncol = length(keep))
  starts <- if (length(keep)) t(apply(cbind(1L, widths[, -length(keep), drop = FALSE]), 1,
                                      cumsum))
            else matrix(integer(), nrow(cells), 0)
  starts <- matrix(starts, nrow = nrow(cells))
  lines <- apply(cells, 1, paste, collapse = ",")
  list(bytes = charToRaw(enc2utf8(paste0(paste(lines, collapse = "\n"), "\n"))),
       names = keep, starts = starts, rows = rownames(frame),
       multiline = any(grepl("[\r\n]", cells)))
}

# The condition e again, its message also naming the data frame's row and column.
.ps_with_row <- function(e, table) {
  if (is.null(table) || table$multiline || !identical(e$file, "<data.frame>") ||
      e$line < 2 || e$line > nrow(table$starts))
    return(invisible()) # the condition goes on as it is
  k <- max(which(table$starts[e$line, ] <= e$column), 1L)
  e$row <- e$line - 1L
  e$column_name <- table$names[[k]]
  e$message <- sprintf("%s (row %d, column '%s')", e$message, e$row, e$column_name)
  stop(e)
}

ps_plurality <- function(candidates, seats = NULL, method = "sntv", ties = "error",
                         seed = NULL) {
  table <- NULL
  if (is.data.frame(candidates)) {
    table <- .ps_plurality_table(candidates)
    bytes <- table$bytes
    source <- "<data.frame>"
  } else if (is.raw(candidates)) {
    bytes <- candidates
    source <- "<raw>"
  } else if (is.character(candidates) && length(candidates) == 1 &&
             grepl("\n", candidates)) {
    bytes <- charToRaw(enc2utf8(candidates))
    source <- "<text>"
  } else {
    source <- as.character(candidates)
    if (length(source) != 1 || !file.exists(source))
      .ps_condition(-3L, "no such file", source[1], 0L, 0L)
    bytes <- readBin(source, "raw", file.info(source)$size)
  }
  n <- 0
  seats_path <- NULL
  seats_name <- NULL
  if (is.null(seats)) {
  } else if (is.character(seats) && length(seats) == 1 && is.null(names(seats))) {
    seats_path <- seats
  } else if (is.numeric(seats) && length(seats) == 1 && is.null(names(seats))) {
    n <- seats
    if (is.na(n) || n < 1)
      .ps_condition(-2L, sprintf("seats: expected a positive number, got %s", n), NA, 0L, 0L)
  } else {
    if (is.data.frame(seats)) {
      if (!all(c("district", "seats") %in% names(seats)))
        .ps_condition(-2L, "seats: a data frame of district seats has the columns district and seats",
                      NA, 0L, 0L)
      seats <- stats::setNames(seats$seats, seats$district)
    }
    if (is.null(names(seats)))
      .ps_condition(-2L, paste("seats: expected a number, a named vector or data frame of",
                               "district seats, or a path"), NA, 0L, 0L)
    seats_path <- tempfile(fileext = ".csv")
    on.exit(unlink(seats_path), add = TRUE)
    body <- paste0("district,seats\n", paste0(.ps_csv_cell(names(seats)), ",",
                                              .ps_csv_cell(unlist(seats)), "\n",
                                              collapse = ""))
    writeBin(charToRaw(enc2utf8(body)), seats_path)
    seats_name <- "<seats>"
  }
  r <- withCallingHandlers(
    .Call(R_ps_plurality, bytes, enc2utf8(source), as.double(n),
          if (is.null(seats_path)) NULL else enc2utf8(seats_path),
          if (is.null(seats_name)) NULL else seats_name, as.character(method),
          as.character(ties), as.double(if (is.null(seed)) 0 else seed)),
    powershare_error = function(e) .ps_with_row(e, table))
  c <- r$candidates
  out <- data.frame(district = c$district, candidate = c$candidate, party = c$party,
                    votes = c$votes, rank = c$rank, elected = c$elected,
                    stringsAsFactors = FALSE)
  attr(out, "count") <- list(method = r$method, ballot = r$ballot, seats = r$seats,
                             votes_total = r$votes_total)
  attr(out, "parties") <- as.data.frame(r$parties, stringsAsFactors = FALSE)
  attr(out, "districts") <- as.data.frame(r$districts, stringsAsFactors = FALSE)
  attr(out, "ties") <- as.data.frame(r$ties, stringsAsFactors = FALSE)
  out
}
