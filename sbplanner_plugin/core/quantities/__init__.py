"""Step 4: design quantities (工程量) of the measure layout, and the items the investment estimate prices.

- :mod:`.items` — the one vocabulary of quantity items (``earth_cut_m3``, ``trees`` …), their units and
  SL/T 447 D.0.16 columns, shared by every quantity algorithm and the investment estimate;
- :mod:`.terrace` — level / slope / interval terraces (GB/T 16453.1-2008 cross-section);
- :mod:`.dams` — dam works from the DEM: cross-section, body volume, stage–area–storage (GB/T 16453.3, SL/T 804).
"""
