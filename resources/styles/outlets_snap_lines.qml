<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- SBPlanner: the snap of each outlet, from the point given (hollow circle at the line's first vertex) to the
     snapped outlet (drawn by outlets_snapped.qml). Dashed dark red; orange and thicker for snaps to review
     (snap_check tiny / crossed_ridge / other_channel). -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology" labelsEnabled="0">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
    <symbols>
      <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" pass="0" locked="0" enabled="1">
          <Option type="Map">
            <Option name="line_color" type="QString" value="153,0,13,255"/>
            <Option name="line_style" type="QString" value="dash"/>
            <Option name="line_width" type="QString" value="0.5"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="capstyle" type="QString" value="round"/>
            <Option name="joinstyle" type="QString" value="round"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;snap_check&quot; in ('tiny', 'crossed_ridge', 'other_channel'), '255,127,0,255', '153,0,13,255')"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;snap_check&quot; in ('tiny', 'crossed_ridge', 'other_channel'), 0.9, 0.5)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" pass="0" locked="0" enabled="1">
          <Option type="Map">
            <Option name="placement" type="QString" value="firstvertex"/>
            <Option name="rotate" type="QString" value="0"/>
            <Option name="offset" type="QString" value="0"/>
          </Option>
          <symbol type="marker" name="@0@1" alpha="1" clip_to_extent="1" force_rhr="0">
            <layer class="SimpleMarker" pass="0" locked="0" enabled="1">
              <Option type="Map">
                <Option name="name" type="QString" value="circle"/>
                <Option name="color" type="QString" value="255,255,255,0"/>
                <Option name="outline_color" type="QString" value="153,0,13,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.5"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="size" type="QString" value="2.6"/>
                <Option name="size_unit" type="QString" value="MM"/>
                <Option name="scale_method" type="QString" value="diameter"/>
              </Option>
            </layer>
          </symbol>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <layerGeometryType>1</layerGeometryType>
</qgis>
