/*
 * data_find.h - where the library finds the data files it ships (the
 * prediction model, the catalogue of electoral laws). Not installed.
 */
#ifndef POWERSHARE_DATA_FIND_H
#define POWERSHARE_DATA_FIND_H

#include "util.h"

/* Looks for `relative` (e.g. "predict-model.json",
 * "systems/il-knesset-2022.json") next to the running program
 * (../share/powershare/ from its folder), in the source tree's data/ when
 * the program runs from this build folder, and in the install's data
 * directory. Returns 1 and a copy of the path in *out_path when found; 0
 * when not, with the places looked in appended to *looked (comma-separated);
 * PS_ENOMEM. */
int psi_data_find(char **out_path, const char *relative, psi_buf *looked, ps_error *err);

#endif
