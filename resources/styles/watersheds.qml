<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- SBPlanner: delineated watersheds. Hollow polygons, dark blue outline, labelled "ws_code / area km²". -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" pass="0" locked="0" enabled="1">
          <Option type="Map">
            <Option name="color" type="QString" value="0,0,0,0"/>
            <Option name="style" type="QString" value="no"/>
            <Option name="outline_color" type="QString" value="8,48,107,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.6"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
          </Option>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="&quot;ws_code&quot; || '\n' || format_number(&quot;area_km2&quot;, 2) || ' km²'" isExpression="1" fontFamily="Noto Sans CJK SC" namedStyle="Bold" fontWeight="75" fontSize="9" fontSizeUnit="Point" textColor="8,48,107,255" textOpacity="1" multilineHeight="1">
        <families>
          <family name="Noto Sans CJK SC"/>
          <family name="Noto Sans"/>
          <family name="Liberation Sans"/>
          <family name="Arial"/>
          <family name="Sans Serif"/>
        </families>
        <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferJoinStyle="128" bufferNoFill="1"/>
      </text-style>
      <text-format multilineAlign="1" wrapChar="" autoWrapLength="0" plussign="0" reverseDirectionSymbol="0" addDirectionSymbol="0" formatNumbers="0" decimals="3" rightDirectionSymbol="&gt;" leftDirectionSymbol="&lt;" placeDirectionSymbol="0" useMaxLineLengthForAutoWrap="1"/>
      <placement placement="1" centroidInside="1" centroidWhole="0" fitInPolygonOnly="0" priority="5" dist="0" offsetType="0" quadOffset="4" overrunDistance="0" repeatDistance="0"/>
      <rendering obstacle="1" obstacleFactor="1" obstacleType="1" displayAll="1" upsidedownLabels="0" labelPerPart="0" mergeLines="0" scaleVisibility="0" fontLimitPixelSize="0" drawLabels="1" zIndex="0" limitNumLabels="0" maxNumLabels="2000" minFeatureSize="0"/>
    </settings>
  </labeling>
  <layerGeometryType>2</layerGeometryType>
</qgis>
