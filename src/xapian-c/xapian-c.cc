// placeholder until the C API lands
